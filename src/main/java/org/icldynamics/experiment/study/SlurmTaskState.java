package org.icldynamics.experiment.study;

/**
 * One array task as {@code scontrol show job} reports it.
 *
 * @param task the array index ({@code $SLURM_ARRAY_TASK_ID})
 * @param state Slurm's job state: PENDING, RUNNING, COMPLETING, COMPLETED, CANCELLED, FAILED, TIMEOUT, PREEMPTED,
 *     NODE_FAIL, OUT_OF_MEMORY, REQUEUED, ...
 * @param reason why it waits ({@code None}, {@code Resources}, {@code BeginTime}, ...)
 * @param restarts how often it was requeued ({@code $SLURM_RESTART_COUNT} of its current run)
 * @param exitCode {@code code:signal} as Slurm prints it
 */
public record SlurmTaskState(int task, String state, String reason, int restarts, String exitCode) {
    /** Neither waiting nor running: COMPLETED, CANCELLED, FAILED, TIMEOUT, PREEMPTED, ... */
    public boolean finished() {
        return !(state.equals("PENDING") || state.equals("RUNNING") || state.equals("CONFIGURING")
                || state.equals("COMPLETING") || state.equals("REQUEUED") || state.equals("REQUEUE_HOLD")
                || state.equals("REQUEUE_FED") || state.equals("RESIZING") || state.equals("SUSPENDED")
                || state.equals("STAGE_OUT") || state.equals("SIGNALING"));
    }

    /** Finished with exit code 0. */
    public boolean succeeded() {
        return state.equals("COMPLETED") && exitCode.equals("0:0");
    }
}
