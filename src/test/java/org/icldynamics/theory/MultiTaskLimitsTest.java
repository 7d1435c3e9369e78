package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** multitask-dynamics B.4 items 3-5 at the paper's sizes (|S_n| = 50/3, dx = 50, L = 100). */
class MultiTaskLimitsTest {
    private static final double S = 50.0 / 3;

    @Test
    void referenceLevelsAreTheSpecsNumbersAtThePapersSizes() {
        assertEquals(5.20, MultiTaskLimits.allocatedHead(S, 100), 0.005);
        assertEquals(9.60, MultiTaskLimits.singleHead(S, 50, 100), 0.01);
        assertEquals(2.52, MultiTaskLimits.debiasedMultiHead(S, 100), 0.005);
    }

    @Test
    void singleHeadAndAllocatedLimitsAreApproximateLossOptimaOfOneHead() {
        // independent route: the minimum of the weighted approximate loss over one head's (omega, mu)
        double[] sizes = {S, S, S};
        BestStructuredLoss.Result one = BestStructuredLoss.minimise(new ApproximateSoftmaxLoss(sizes, sizes, 1, 100, 0));
        assertEquals(MultiTaskLimits.singleHead(S, 50, 100), one.loss() / 3, 1e-6);
        // a dedicated head: the minimum of one task's weighted approximate loss over one head's (omega, mu)
        BestStructuredLoss.Result own = BestStructuredLoss.minimise(
                new ApproximateSoftmaxLoss(new double[] {S}, new double[] {S}, 1, 100, 0));
        assertEquals(MultiTaskLimits.allocatedHead(S, 100), own.loss(), 1e-6);
    }
}
