package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * multitask-dynamics B.4 with the code's theory init (B.2): N = H = 3 tasks of |S_n| = 50/3 coordinates, L = 100,
 * noiseless, task terms weighted by |S_n|. The authors' Euler step 0.01 diverged here (NaN near t = 10); these tests
 * pin the cause (the weights speed the flow up by |S_n|) and check the fixed integration independently.
 */
class TheoryInitMultiTaskFlowTest {
    private static final double S = 50.0 / 3;
    private static final int L = 100;
    private static final int D = 53;

    private static ApproximateSoftmaxLoss loss(double weight) {
        return new ApproximateSoftmaxLoss(new double[] {S, S, S}, new double[] {weight, weight, weight}, 3, L, 0);
    }

    /** B.2: omega_n^h = L^{-3/2} / sqrt(D); mu_n^h = L^{-3/2}, 4 L^{-3/2} on task h. */
    private static double[] theoryInit() {
        double s = Math.pow(L, -1.5);
        double[] theta = new double[18];
        for (int n = 0; n < 3; n++) { // [N, H]
            for (int h = 0; h < 3; h++) {
                theta[n * 3 + h] = s / Math.sqrt(D);
                theta[9 + n * 3 + h] = (n == h ? 4 : 1) * s;
            }
        }
        return theta;
    }

    private static boolean close(double a, double b, double atol, double rtol) {
        return Math.abs(a - b) <= atol + rtol * Math.abs(b);
    }

    @Test
    void equallyWeightedFlowIsTheUnweightedFlowAtTimeWeightTimesT() {
        ApproximateGradientFlow weighted = new ApproximateGradientFlow(loss(S));
        ApproximateGradientFlow unit = new ApproximateGradientFlow(loss(1));
        double[] t = {0, 5, 20, 60, 100};
        double[] scaled = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            scaled[i] = S * t[i];
        }
        // the same number of steps: 0.01 / S in t is 0.01 in S t
        OdeSolution a = weighted.euler(theoryInit(), t, weighted.stableEulerStep());
        OdeSolution b = unit.euler(theoryInit(), scaled, unit.stableEulerStep());
        assertStatesClose(a, b, t, 1e-9, 1e-7);
    }

    /** Every component of the two solutions' states at {@code t} within {@code atol + rtol |y|}. */
    private static void assertStatesClose(OdeSolution a, OdeSolution b, double[] t, double atol, double rtol) {
        for (int i = 0; i < t.length; i++) {
            for (int j = 0; j < 18; j++) {
                double x = a.states()[i][j];
                double y = b.states()[i][j];
                assertTrue(close(x, y, atol, rtol), "t=" + t[i] + " component " + j + ": " + x + " vs " + y);
            }
        }
    }

    @Test
    void authorsStepDivergesWithAClearMessageWhileTheStableStepNeverRaisesTheLoss() {
        ApproximateSoftmaxLoss loss = loss(S);
        ApproximateGradientFlow flow = new ApproximateGradientFlow(loss);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> flow.euler(theoryInit(), new double[] {0, 30}, ApproximateGradientFlow.AUTHORS_STEP));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        double[] t = new double[201];
        for (int i = 0; i < t.length; i++) {
            t[i] = 0.5 * i;
        }
        OdeSolution sol = flow.euler(theoryInit(), t, flow.stableEulerStep());
        double prev = Double.POSITIVE_INFINITY;
        for (int i = 0; i < t.length; i++) {
            double v = loss.value(sol.states()[i]);
            assertTrue(Double.isFinite(v) && v <= prev * (1 + 1e-12), "loss rose at t=" + t[i] + ": " + v + " > " + prev);
            prev = v;
        }
    }

    @Test
    void eulerAtTheStableStepAgreesWithAdaptiveDormandPrince() {
        ApproximateGradientFlow flow = new ApproximateGradientFlow(loss(S));
        double[] t = {0, 10, 30, 100};
        OdeSolution euler = flow.euler(theoryInit(), t, flow.stableEulerStep());
        OdeSolution dp = flow.adaptive(theoryInit(), t, 1e-10);
        // Euler's global error is O(step) = O(6e-4) relative to the trajectory's scale (|mu| <= 7)
        assertStatesClose(euler, dp, t, 2e-3, 2e-3);
    }

    @Test
    void offTaskOutputWeightsTurnNegativeAndTheLossFallsBelowTheAllocatedLimit() {
        // B.4 item 6: off-task mu < 0 during emergence; loss per task below the allocated-head limit 5.20 (item 3)
        ApproximateSoftmaxLoss loss = loss(S);
        ApproximateGradientFlow flow = new ApproximateGradientFlow(loss);
        double[] end = flow.euler(theoryInit(), new double[] {0, 100}, flow.stableEulerStep()).states()[1];
        double allocated = S * (1 - 1 / (1 + Math.E * S / L));
        assertTrue(Math.abs(allocated - 5.20) < 0.01, "item 3 limit " + allocated);
        assertTrue(loss.value(end) / 3 < allocated, "per-task loss " + loss.value(end) / 3);
        for (int n = 0; n < 3; n++) {
            for (int h = 0; h < 3; h++) {
                double mu = end[9 + n * 3 + h];
                assertTrue(n == h ? mu > 0 : mu < 0, "mu task " + n + " head " + h + " = " + mu);
            }
        }
    }
}
