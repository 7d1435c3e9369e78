package org.icldynamics.theory;

/**
 * Reference loss levels of multitask-dynamics B.4 items 3-5 per task, in the original units of B.1 (beta entries
 * N(0, 1) on a block of {@code |S_n|} coordinates, so the initial per-task MSE is {@code |S_n|}), noiseless labels
 * and query. {@code l} is the context length L. These are [DER] sanity bounds (large-L approximate loss, A.4.4), not
 * the paper's theorems.
 */
public final class MultiTaskLimits {
    /**
     * The constant factor of the "optimal up to a constant factor" claim: the ratio of item 3 to item 5,
     * {@code allocatedHead / debiasedMultiHead}, which tends to e when {@code 1 << |S_n| << L} (B.4 item 5).
     */
    public static final double OPTIMALITY_FACTOR = Math.E;

    private MultiTaskLimits() {
    }

    /**
     * Item 3: one dedicated head per task (attention delocalised over the task's block, omega = 1/sqrt(|S_n|)):
     * {@code |S_n| (1 - 1/(1 + e |S_n| / L))}; 5.20 for |S_n| = 50/3, L = 100.
     */
    public static double allocatedHead(double taskSize, int l) {
        return taskSize * (1 - 1 / (1 + Math.E * taskSize / l));
    }

    /**
     * Item 4: a single head serving all tasks must cover all {@code dx} coordinates (omega = 1/sqrt(dx)):
     * {@code |S_n| (1 - 1/(1 + e dx / L))}; 9.60 for |S_n| = 50/3, dx = 50, L = 100.
     */
    public static double singleHead(double taskSize, int dx, int l) {
        return taskSize * (1 - 1 / (1 + Math.E * dx / (double) l));
    }

    /**
     * Item 5: best multi-head attention with debiasing pairs (debiased GD): {@code |S_n| (1 - (L-1)/(L + |S_n|))};
     * 2.52 for |S_n| = 50/3, L = 100.
     */
    public static double debiasedMultiHead(double taskSize, int l) {
        return taskSize * (1 - (l - 1.0) / (l + taskSize));
    }
}
