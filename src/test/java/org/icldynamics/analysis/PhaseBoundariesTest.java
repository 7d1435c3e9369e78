package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PhaseBoundariesTest {
    @Test
    void logisticDropHasBoundariesAtTheLogitOfTheFractions() {
        // L = 0.1 + 0.9 / (1 + exp((t - 50) / 2)) reaches a fall of f at t = 50 + 2 ln(f / (1 - f))
        double[] t = CurveFixtures.linspace(0, 200, 20001);
        double[] loss = CurveFixtures.staircase(t, new double[] {1.0, 0.1}, new double[] {50}, 2);
        PhaseResult r = new PhaseBoundaries(PhaseSettings.defaults()).detect(t, loss);
        assertEquals(1.0, r.initialLevel(), 1e-9);
        assertEquals(0.1, r.finalLevel(), 1e-9);
        assertEquals(50 + 2 * Math.log(0.2 / 0.8), r.emergenceStart(), 1e-3);
        assertEquals(50 + 2 * Math.log(0.9 / 0.1), r.emergenceEnd(), 1e-3);
    }

    @Test
    void softmaxTwoHeadGradientFlowMatchesTheAuthorsStageBoundaries() {
        // spec softmax A.4.5: Euler step 0.01 on Ltilde/2, d = 5, L = 40, sigma2 = 0.1, mu = omega = (1e-3, -1e-3)
        int steps = 200_000;
        int every = 10;
        double[] t = new double[steps / every + 1];
        double[] loss = new double[t.length];
        double[] omega1 = new double[t.length];
        double[] mu = {1e-3, -1e-3};
        double[] w = {1e-3, -1e-3};
        for (int k = 0; k <= steps; k++) {
            if (k % every == 0) {
                t[k / every] = 0.01 * k;
                loss[k / every] = TwoHeadFlow.halfLoss(mu, w);
                omega1[k / every] = w[0];
            }
            TwoHeadFlow.eulerStep(mu, w, 0.01);
        }
        assertEquals(0.35189, loss[60], 1e-5); // t = 6, the spec's table
        assertEquals(0.16243, loss[70], 1e-5); // t = 7
        PhaseResult r = new PhaseBoundaries(PhaseSettings.defaults()).detect(t, loss, omega1, 5.5, 7.5);
        assertEquals(5.5, r.emergenceStart(), 0.1, r.toString());
        assertEquals(7.5, r.emergenceEnd(), 0.4, r.toString());
        assertTrue(r.trajectoryPeak() > 7 && r.trajectoryPeak() < 8.5, r.toString()); // omega peaks ~0.57 near 7.7
        assertEquals(2, r.comparisons().size());
        assertEquals(r.emergenceStart() - 5.5, r.comparisons().get(0).difference(), 1e-12);
    }

    @Test
    void noisyLogisticDropStillHasBoundariesNearTheLogitOfTheFractions() {
        for (long seed = 1; seed <= 30; seed++) {
            double[] t = CurveFixtures.linspace(0, 200, 2001);
            double[] loss = CurveFixtures.withNoise(
                    CurveFixtures.staircase(t, new double[] {1.0, 0.1}, new double[] {50}, 2), 0.08, seed);
            PhaseResult r = new PhaseBoundaries(new PhaseSettings(0.2, 0.9, 50)).detect(t, loss);
            // the levels are medians of 50 points: standard error 1.2533 * 0.08 * level / sqrt(50)
            assertEquals(1.0, r.initialLevel(), 4 * 1.2533 * 0.08 / Math.sqrt(50));
            assertEquals(0.1, r.finalLevel(), 4 * 1.2533 * 0.008 / Math.sqrt(50));
            // near a crossing the noise (sd 0.08 L) flips points across the level within w = 0.08 L / |dL/dt| of it
            // (the logistic falls at 0.9 f (1 - f) / 2 per unit time at fraction f): no estimator can place the
            // crossing much better than that band; require 2 w (measured over 30 seeds: at most 1.2 w)
            for (double f : new double[] {0.2, 0.9}) {
                double level = 1.0 - 0.9 * f;
                double w = 0.08 * level / (0.9 * f * (1 - f) / 2);
                double expected = 50 + 2 * Math.log(f / (1 - f));
                double measured = f == 0.2 ? r.emergenceStart() : r.emergenceEnd();
                assertEquals(expected, measured, 2 * w, "seed " + seed + " fraction " + f);
            }
        }
    }

    @Test
    void curveThatNeverFallsHasNoEmergence() {
        double[] t = CurveFixtures.linspace(0, 10, 50);
        double[] loss = CurveFixtures.linspace(1, 1.2, 50);
        PhaseResult r = new PhaseBoundaries(PhaseSettings.defaults()).detect(t, loss);
        assertTrue(Double.isNaN(r.emergenceStart()) && Double.isNaN(r.emergenceEnd()));
    }

    /** The structured model's approximate loss (softmax spec A.4.4) for H heads, and its gradient flow. */
    static final class TwoHeadFlow {
        static final double D = 5;
        static final double L = 40;
        static final double S2 = 0.1;

        static double halfLoss(double[] mu, double[] w) {
            int h = mu.length;
            double muw = 0;
            double quad = 0;
            for (int i = 0; i < h; i++) {
                muw += mu[i] * w[i];
                for (int j = 0; j < h; j++) {
                    quad += mu[i] * mu[j] * (w[i] * w[j] + (1 + S2) / L * Math.exp(D * w[i] * w[j]));
                }
            }
            return 0.5 * (1 + S2 - 2 * muw + quad);
        }

        static void eulerStep(double[] mu, double[] w, double dt) {
            int h = mu.length;
            double muw = 0;
            for (int i = 0; i < h; i++) {
                muw += mu[i] * w[i];
            }
            double[] gmu = new double[h];
            double[] gw = new double[h];
            for (int i = 0; i < h; i++) {
                gmu[i] = -w[i];
                gw[i] = -mu[i] + muw * mu[i];
                for (int j = 0; j < h; j++) {
                    double e = Math.exp(D * w[i] * w[j]);
                    gmu[i] += (w[i] * w[j] + (1 + S2) / L * e) * mu[j];
                    gw[i] += D * (1 + S2) / L * e * mu[i] * mu[j] * w[j];
                }
            }
            for (int i = 0; i < h; i++) {
                mu[i] -= dt * gmu[i];
                w[i] -= dt * gw[i];
            }
        }
    }
}
