package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

/** softmax-multihead A.4.4-A.4.5, A.4.7: the approximate loss, its gradient and its flows. */
class ApproximateSoftmaxLossTest {
    private static void close(double expected, double actual, double atol, double rtol) {
        assertTrue(Math.abs(actual - expected) <= atol + rtol * Math.abs(expected), "expected " + expected + " got " + actual);
    }

    @Test
    void halfGradientMatchesCentralFiniteDifferencesForSeveralTasksAndHeads() {
        ApproximateSoftmaxLoss loss = new ApproximateSoftmaxLoss(new int[] {3, 2}, 3, 20, 0.1);
        SplittableRandom rng = new RandomStreams(8).stream("fd");
        double[] theta = new double[loss.dimension()];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (i < theta.length / 2 ? 0.3 : 1.5) * rng.nextGaussian();
        }
        double[] g = loss.halfGradient(theta);
        FiniteDifference.assertGradient(loss::value, theta, g, 0.5, 1e-8, 1e-6);
    }

    @Test
    void symmetricPairLossIsTheSinhClosedFormAndMuStarAtOmega013Is338() {
        ApproximateSoftmaxLoss loss = ApproximateSoftmaxLoss.singleTask(5, 2, 40, 0.1);
        double om = 0.13;
        double mu = 3.0;
        double expect = 1.1 - 4 * mu * om + 4 * mu * mu * om * om + 4 * 1.1 / 40 * mu * mu * Math.sinh(5 * om * om);
        close(expect, loss.value(new double[] {om, -om, mu, -mu}), 1e-14, 1e-13);
        double[] theta = {om, -om, 0, 0};
        loss.optimiseOutputs(theta);
        assertEquals(3.38, theta[2], 0.005);
        assertEquals(-theta[2], theta[3], 1e-10);
    }

    @Test
    void eulerFlowReproducesTheThreeStageTableToThreeSignificantDigits() {
        ApproximateGradientFlow flow = new ApproximateGradientFlow(ApproximateSoftmaxLoss.singleTask(5, 2, 40, 0.1));
        double[] times = {0, 3, 5, 6, 7, 8, 10, 100, 1000, 10000};
        double[][] want = { // mu_1, omega_1, mu_1 omega_1, Ltilde/2
            {0.0010, 0.0010, 0.0000, 0.55000}, {0.0198, 0.0198, 0.0004, 0.54922}, {0.1415, 0.1415, 0.0200, 0.51088},
            {0.3376, 0.3374, 0.1139, 0.35189}, {0.5586, 0.5450, 0.3045, 0.16243}, {0.6491, 0.5742, 0.3728, 0.14042},
            {0.7346, 0.5348, 0.3928, 0.13142}, {1.3958, 0.3106, 0.4335, 0.11255}, {2.1297, 0.2058, 0.4384, 0.11084},
            {3.1510, 0.1394, 0.4393, 0.11052}};
        OdeSolution s = flow.euler(new double[] {1e-3, -1e-3, 1e-3, -1e-3}, times, ApproximateGradientFlow.AUTHORS_STEP);
        double[] half = flow.halfLosses(s);
        for (int i = 0; i < times.length; i++) {
            double[] st = s.states()[i];
            double om = st[0];
            double mu = st[2];
            threeDigits(want[i][0], mu, "mu_1 at t=" + times[i]);
            threeDigits(want[i][1], om, "omega_1 at t=" + times[i]);
            if (want[i][2] >= 0.001) {
                threeDigits(want[i][2], mu * om, "mu_1 omega_1 at t=" + times[i]);
            }
            threeDigits(want[i][3], half[i], "loss at t=" + times[i]);
            assertEquals(-st[0], st[1], 1e-15);
            assertEquals(-st[2], st[3], 1e-15);
        }
    }

    /** Agreement to 3 significant digits: the difference is at most half a unit in the third digit of the reference. */
    private static void threeDigits(double want, double got, String what) {
        double unit = Math.pow(10, Math.floor(Math.log10(Math.abs(want))) - 2);
        assertTrue(Math.abs(got - want) <= 0.5 * unit + 1e-4 * unit, what + ": want " + want + " got " + got);
    }

    @Test
    void stageBoundariesFallInTheWarmUpEmergenceAndConvergenceWindows() {
        ApproximateGradientFlow flow = new ApproximateGradientFlow(ApproximateSoftmaxLoss.singleTask(5, 2, 40, 0.1));
        double[] times = new double[1001];
        for (int i = 0; i < times.length; i++) {
            times[i] = 0.02 * i;
        }
        OdeSolution s = flow.euler(new double[] {1e-3, -1e-3, 1e-3, -1e-3}, times, 0.01);
        ThreeStages st = ThreeStages.detect(times, flow.halfLosses(s));
        assertTrue(st.warmUpEnd() > 4.5 && st.warmUpEnd() < 5.5, "warm-up ends at " + st.warmUpEnd());
        assertTrue(st.emergenceEnd() > 6.8 && st.emergenceEnd() < 7.8, "emergence ends at " + st.emergenceEnd());
    }

    @Test
    void adaptiveIntegratorAgreesWithEulerOnceTheFlowIsSlow() {
        ApproximateGradientFlow flow = new ApproximateGradientFlow(ApproximateSoftmaxLoss.singleTask(5, 2, 40, 0.1));
        double[] times = {0, 100, 1000};
        double[] init = {1e-3, -1e-3, 1e-3, -1e-3};
        double[] euler = flow.halfLosses(flow.euler(init, times, 0.01));
        double[] adaptive = flow.halfLosses(flow.adaptive(init, times, 1e-10));
        for (int i = 0; i < times.length; i++) {
            close(euler[i], adaptive[i], 0, 1e-4);
        }
    }

    @Test
    void fourHeadsFromRandomInitReachTheSpecsHomogeneousZeroSumState() {
        ApproximateSoftmaxLoss loss = ApproximateSoftmaxLoss.singleTask(5, 4, 40, 0.01);
        ApproximateGradientFlow flow = new ApproximateGradientFlow(loss);
        SplittableRandom rng = new RandomStreams(1029).stream("four-heads");
        double[] init = new double[8];
        for (int i = 0; i < 8; i++) {
            init[i] = 0.1 * rng.nextGaussian();
        }
        double[] end = flow.euler(init, new double[] {0, 10_000}, ApproximateGradientFlow.AUTHORS_STEP).states()[1];
        double sumMu = 0;
        double eta = 0;
        for (int h = 0; h < 4; h++) {
            sumMu += end[4 + h];
            eta += end[4 + h] * end[h];
            assertEquals(0.1261, Math.abs(end[h]), 2e-3, "head " + h + " |omega|");
        }
        assertEquals(0, sumMu, 1e-3);
        assertEquals(0.8876, eta, 5e-4);
        assertEquals(0.0611, loss.value(end) / 2, 1e-4);
        double[] adaptive = flow.adaptive(init, new double[] {0, 10_000}, 1e-10).states()[1];
        assertEquals(loss.value(end), loss.value(adaptive), 1e-5 * loss.value(end));
    }

    @Test
    void bestLossEqualsTheSingleHeadOptimumAndApproachesTheMultiHeadInfimum() {
        ApproximateSoftmaxLoss one = ApproximateSoftmaxLoss.singleTask(5, 1, 40, 0.1);
        BestStructuredLoss.Result r1 = BestStructuredLoss.minimise(one);
        close(ApproximateSoftmaxLoss.singleHeadOptimum(5, 40, 0.1), r1.loss(), 1e-9, 0);
        assertEquals(1 / Math.sqrt(5), Math.abs(r1.theta()[0]), 1e-4);
        ApproximateSoftmaxLoss two = ApproximateSoftmaxLoss.singleTask(5, 2, 40, 0.1);
        BestStructuredLoss.Result r2 = BestStructuredLoss.minimise(two);
        // never below the infimum, up to the round-off of a solve with condition number <= MAX_CONDITION
        assertTrue(r2.loss() >= two.multiHeadInfimum() - ApproximateSoftmaxLoss.MAX_CONDITION * 1e-15);
        assertEquals(two.multiHeadInfimum(), r2.loss(), 1e-4);
        assertEquals(2 * 0.1104, two.multiHeadInfimum(), 2e-4); // A.4.5: Ltilde/2 -> 0.1104
    }
}
