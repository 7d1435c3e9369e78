package org.icldynamics.train;

import java.util.Arrays;

/**
 * The schedule of a run.
 *
 * @param steps number of optimizer steps
 * @param schedule the learning-rate schedule, whose integral is the gradient-flow time {@code t} of a step
 * @param logEvery log the training loss every this many steps (and at the first and last step)
 * @param evalEvery evaluate on the held-out set every this many steps (a multiple of logEvery)
 * @param checkpointEvery checkpoint every this many steps (0: only on interruption)
 * @param snapshotSteps sorted steps at which listeners get a snapshot
 * @param divergence the run diverges when a training loss exceeds this factor times the initial loss (the larger
 *     of the step-0 training and evaluation losses); infinity: only non-finite values count
 */
public record TrainPlan(long steps, LearningRateSchedule schedule, int logEvery, int evalEvery, int checkpointEvery,
                        long[] snapshotSteps, double divergence) {
    /** A plan with the constant learning rate {@code lr} whose divergence test is non-finite values only. */
    public TrainPlan(long steps, double lr, int logEvery, int evalEvery, int checkpointEvery, long[] snapshotSteps) {
        this(steps, new LearningRateSchedule.Constant(lr), logEvery, evalEvery, checkpointEvery, snapshotSteps,
                Double.POSITIVE_INFINITY);
    }

    /** A plan with the constant learning rate {@code lr}. */
    public TrainPlan(long steps, double lr, int logEvery, int evalEvery, int checkpointEvery, long[] snapshotSteps,
                     double divergence) {
        this(steps, new LearningRateSchedule.Constant(lr), logEvery, evalEvery, checkpointEvery, snapshotSteps,
                divergence);
    }

    /** A plan following {@code schedule} whose divergence test is non-finite values only. */
    public TrainPlan(long steps, LearningRateSchedule schedule, int logEvery, int evalEvery, int checkpointEvery,
                     long[] snapshotSteps) {
        this(steps, schedule, logEvery, evalEvery, checkpointEvery, snapshotSteps, Double.POSITIVE_INFINITY);
    }

    public TrainPlan {
        if (!(divergence > 1)) {
            throw new IllegalArgumentException("bad plan: divergence factor " + divergence + " must be > 1");
        }
        if (steps < 0 || logEvery < 1 || evalEvery < 1 || checkpointEvery < 0) {
            throw new IllegalArgumentException("bad plan: steps=" + steps + " logEvery=" + logEvery
                    + " evalEvery=" + evalEvery + " checkpointEvery=" + checkpointEvery);
        }
        java.util.Objects.requireNonNull(schedule, "schedule");
        snapshotSteps = snapshotSteps.clone();
        Arrays.sort(snapshotSteps);
    }

    /** Gradient-flow time after {@code step} updates (the schedule's integral). */
    public double time(long step) {
        return schedule.time(step);
    }

    @Override
    public long[] snapshotSteps() {
        return snapshotSteps.clone();
    }

    /** About {@code count} log-spaced steps in {@code [0, steps]}, always including 0 and {@code steps}. */
    public static long[] logSpaced(long steps, int count) {
        java.util.TreeSet<Long> s = new java.util.TreeSet<>();
        s.add(0L);
        s.add(steps);
        for (int i = 0; i < count; i++) {
            double f = Math.pow(steps + 1.0, i / (double) Math.max(1, count - 1)) - 1;
            s.add(Math.min(steps, Math.round(f)));
        }
        return s.stream().mapToLong(Long::longValue).toArray();
    }
}
