package org.icldynamics.analysis;

import java.util.List;

/**
 * Head-by-task semi-singular values of one snapshot and the allocation read from them (multitask spec B.2,
 * softmax spec A.4.7).
 *
 * @param step training step of the snapshot (-1 when not from a run)
 * @param lambdaW {@code [tasks][heads]}: mean diagonal of {@code KQ_h} over task n's coordinates (omega_n^(h))
 * @param lambdaU {@code [tasks][heads]}: {@code OV_h[n, d + n]} (mu_n^(h))
 * @param roles one per head
 * @param mode split-up when every active head serves one task, superposition when some head serves several
 * @param taskEta per task {@code sum_h lambda_U[n][h] lambda_W[n][h]}
 * @param taskZeroSum per task {@code |sum_h lambda_U[n][h]| / sum_h |lambda_U[n][h]|}
 * @param tasksWithoutHead tasks that no active head serves
 * @param minOffTaskLambdaU over active heads with primary task n and tasks m != n: the smallest
 *     {@code lambda_U[m][h] * sign(lambda_U[n][h])}; negative when some head weights another task's label with the
 *     opposite sign to its own (multitask spec B.4 item 6); NaN with one task or no active head
 */
public record AllocationResult(long step, double[][] lambdaW, double[][] lambdaU, List<HeadRole> roles, Mode mode,
                               double[] taskEta, double[] taskZeroSum, List<Integer> tasksWithoutHead,
                               double minOffTaskLambdaU) {
    public AllocationResult {
        roles = List.copyOf(roles);
        tasksWithoutHead = List.copyOf(tasksWithoutHead);
    }

    /** How the active heads share the tasks. */
    public enum Mode {
        /** Every active head serves exactly one task. */
        SPLIT_UP,
        /** At least one active head serves several tasks. */
        SUPERPOSITION,
        /** No active head. */
        NONE
    }

    /** What one head does. */
    public enum Role {
        DEDICATED,
        SUPERPOSED,
        DUMMY
    }

    /**
     * One head's role.
     *
     * @param primaryTask the task with its largest share (-1 for a dummy)
     * @param tasks the tasks it serves (empty for a dummy)
     * @param shares {@code [tasks]}: its share of strength on every task
     */
    public record HeadRole(int head, Role role, int primaryTask, List<Integer> tasks, double[] shares) {
        public HeadRole {
            tasks = List.copyOf(tasks);
            shares = shares.clone();
        }
    }
}
