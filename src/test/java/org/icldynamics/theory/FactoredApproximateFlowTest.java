package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

/** The factored (balanced K = Q, V = O) approximate flow of multitask-dynamics B.4. */
class FactoredApproximateFlowTest {
    private static final double TAU = 1 / Math.sqrt(27);

    /** The model's loss, MSE averaged over the N outputs, from the raw factors k (omega = tau k^2) and v (mu = v^2). */
    private static double rawLoss(ApproximateSoftmaxLoss loss, double[] raw) {
        int half = raw.length / 2;
        double[] theta = new double[raw.length];
        for (int i = 0; i < half; i++) {
            theta[i] = TAU * raw[i] * raw[i];
            theta[half + i] = raw[half + i] * raw[half + i];
        }
        return loss.value(theta) / loss.tasks();
    }

    @Test
    void derivativesAreTheChainRuleOfGradientFlowOnTheFactorsByFiniteDifferences() {
        double[] sizes = {7, 8, 9};
        ApproximateSoftmaxLoss loss = new ApproximateSoftmaxLoss(sizes, sizes, 3, 48, 0);
        FactoredApproximateFlow flow = new FactoredApproximateFlow(loss, TAU);
        SplittableRandom rng = new RandomStreams(5).stream("factored-fd");
        int nt = 3;
        int heads = 3;
        double[] raw = new double[2 * nt * heads];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (i < raw.length / 2 ? 0.8 : 1.2) * (0.2 + rng.nextDouble());
        }
        double[] theta = new double[raw.length];
        int half = raw.length / 2;
        for (int i = 0; i < half; i++) {
            theta[i] = TAU * raw[i] * raw[i];
            theta[half + i] = raw[half + i] * raw[half + i];
        }
        double[] got = flow.computeDerivatives(0, theta);
        for (int i = 0; i < raw.length; i++) {
            double[] p = raw.clone();
            double[] m = raw.clone();
            p[i] += 1e-6;
            m[i] -= 1e-6;
            double dCommon = (rawLoss(loss, p) - rawLoss(loss, m)) / 2e-6;
            // a block's common k stands for |S_n| key and |S_n| query entries; v for one value and one output entry
            double count = i < half ? 2 * sizes[(i / heads) % nt] : 2;
            double rawRate = -dCommon / count;
            double expected = 2 * raw[i] * rawRate * (i < half ? TAU : 1); // d(tau k^2)/dt, d(v^2)/dt
            assertTrue(Math.abs(got[i] - expected) <= 1e-7 + 1e-6 * Math.abs(expected),
                    i + ": " + got[i] + " vs " + expected);
        }
    }

    @Test
    void fromTheTheoryInitOffTaskMuShrinksButKeepsItsSignUnlikeTheDirectFlow() {
        double s = 0.03;
        double[] sizes = {8, 8, 8};
        ApproximateSoftmaxLoss loss = new ApproximateSoftmaxLoss(sizes, sizes, 3, 48, 0);
        double[] theta = new double[18];
        for (int n = 0; n < 3; n++) { // [N, H]
            for (int h = 0; h < 3; h++) {
                theta[n * 3 + h] = s * TAU;
                theta[9 + n * 3 + h] = (n == h ? 4 : 1) * s;
            }
        }
        double[] t = new double[121];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        OdeSolution f = new FactoredApproximateFlow(loss, TAU).euler(theta, t);
        double prev = Double.POSITIVE_INFINITY;
        for (double[] state : f.states()) {
            double v = loss.value(state);
            assertTrue(v <= prev * (1 + 1e-12), "loss rose: " + v + " > " + prev);
            prev = v;
        }
        double[] end = f.states()[t.length - 1];
        assertTrue(prev / loss.value(theta) < 0.5, "the factored flow leaves the plateau by t = 120: " + prev);
        ApproximateGradientFlow direct = new ApproximateGradientFlow(loss);
        double[] dEnd = direct.euler(theta, new double[] {0, 120}, direct.stableEulerStep()).states()[1];
        for (int n = 0; n < 3; n++) {
            for (int h = 0; h < 3; h++) {
                if (n != h) {
                    assertTrue(end[9 + n * 3 + h] > 0, "factored off-task mu " + end[9 + n * 3 + h]);
                    assertTrue(dEnd[9 + n * 3 + h] < 0, "direct off-task mu " + dEnd[9 + n * 3 + h]);
                }
            }
        }
    }
}
