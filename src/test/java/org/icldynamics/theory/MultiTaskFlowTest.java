package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

/** softmax-multihead A.4.7 / multitask-dynamics B.4: the reconstructed two-task approximate flow. */
class MultiTaskFlowTest {
    private static double halfLossAfterFlow(int heads, long seed) {
        ApproximateSoftmaxLoss loss = new ApproximateSoftmaxLoss(new int[] {3, 3}, heads, 48, 0.1);
        ApproximateGradientFlow flow = new ApproximateGradientFlow(loss);
        SplittableRandom rng = new RandomStreams(seed).stream("multitask-init");
        double[] init = new double[loss.dimension()];
        for (int i = 0; i < init.length; i++) {
            init[i] = 0.1 * rng.nextGaussian();
        }
        double[] end = flow.euler(init, new double[] {0, 2000}, ApproximateGradientFlow.AUTHORS_STEP).states()[1];
        return loss.value(end) / 2;
    }

    @Test
    void oneHeadServesBothTasksAndFourHeadsReachTheDebiasedLimit() {
        assertEquals(0.3721, halfLossAfterFlow(1, 1), 5e-4);
        for (long seed : new long[] {1, 2}) {
            assertEquals(0.1646, halfLossAfterFlow(4, seed), 5e-4);
        }
        ApproximateSoftmaxLoss four = new ApproximateSoftmaxLoss(new int[] {3, 3}, 4, 48, 0.1);
        assertEquals(0.1643, four.multiHeadInfimum() / 2, 5e-5);
    }

    @Test
    void bestLossOfOneHeadOnTwoTasksIsTheSingleHeadOptimumOverAllCoordinates() {
        // one head must cover both supports: per task 1 + s2 - 1/(1 + e (1+s2)(d_1+d_2)/L), omega = 1/sqrt(6)
        BestStructuredLoss.Result r = BestStructuredLoss.minimise(new ApproximateSoftmaxLoss(new int[] {3, 3}, 1, 48, 0.1));
        assertEquals(2 * ApproximateSoftmaxLoss.singleHeadOptimum(6, 48, 0.1), r.loss(), 1e-9);
        assertEquals(0.3721, r.loss() / 2, 1e-4);
        assertEquals(1 / Math.sqrt(6), Math.abs(r.theta()[0]), 1e-4);
        BestStructuredLoss.Result four = BestStructuredLoss.minimise(new ApproximateSoftmaxLoss(new int[] {3, 3}, 4, 48, 0.1));
        assertEquals(new ApproximateSoftmaxLoss(new int[] {3, 3}, 4, 48, 0.1).multiHeadInfimum(), four.loss(), 1e-4);
    }

    @Test
    void weightedHalfGradientMatchesFiniteDifferencesAndOneHeadOnThreeTasksGivesTheSpecsNinePointSix() {
        // multitask-dynamics B.4 item 4: dx = 50 split 16/17/17, L = 100, noiseless, beta entries N(0, 1)
        int[] sizes = {16, 17, 17};
        double[] weights = {16, 17, 17};
        ApproximateSoftmaxLoss loss = new ApproximateSoftmaxLoss(sizes, weights, 2, 100, 0);
        SplittableRandom rng = new RandomStreams(4).stream("fd-weighted");
        double[] theta = new double[loss.dimension()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (i < theta.length / 2 ? 0.1 : 2) * rng.nextGaussian();
        }
        double[] g = loss.halfGradient(theta);
        for (int i = 0; i < theta.length; i++) {
            double[] p = theta.clone();
            double[] m = theta.clone();
            p[i] += 1e-6;
            m[i] -= 1e-6;
            double fd = (loss.value(p) - loss.value(m)) / 4e-6;
            org.junit.jupiter.api.Assertions.assertTrue(Math.abs(fd - g[i]) <= 1e-6 + 1e-6 * Math.abs(fd), i + ": " + fd + " vs " + g[i]);
        }
        BestStructuredLoss.Result one = BestStructuredLoss.minimise(new ApproximateSoftmaxLoss(sizes, weights, 1, 100, 0));
        double perTask = one.loss() / 3;
        assertEquals(50.0 / 3 * (1 - 1 / (1 + Math.E * 0.5)), perTask, 1e-6); // 9.606, the spec's 9.60
        assertEquals(9.60, perTask, 0.01);
    }
}
