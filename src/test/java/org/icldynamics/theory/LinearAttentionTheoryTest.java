package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.estimator.LinearAttentionFixedPointEstimator;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

/** linear-attention A.4: fixed points, fourth moment, converged predictor, ODEs. */
class LinearAttentionTheoryTest {
    private static final double[] D4 = {0.4, 0.3, 0.2, 0.1};

    private static double[] d8() {
        double[] ev = new double[8];
        for (int k = 0; k < 8; k++) {
            ev[k] = (k + 1) / 36.0;
        }
        return ev;
    }

    @Test
    void plateauLossesReproduceTheD4AndD8ListsTo1e4() {
        double[] d4 = LinearAttentionTheory.plateauLosses(D4, 31);
        double[] want4 = {1.0000, 0.6406, 0.3774, 0.2098, 0.1360};
        for (int m = 0; m < want4.length; m++) {
            assertEquals(want4[m], d4[m], 1e-4, "D=4 plateau " + m);
        }
        double[] d8 = LinearAttentionTheory.plateauLosses(d8(), 31);
        double[] want8 = {1.0000, 0.8113, 0.6490, 0.5130, 0.4032, 0.3192, 0.2605, 0.2260, 0.2133};
        for (int m = 0; m < want8.length; m++) {
            assertEquals(want8[m], d8[m], 1e-4, "D=8 plateau " + m);
        }
        assertEquals(0.13599, d4[4], 1e-5); // A.4 item 4
        assertEquals(0.1389, LinearAttentionTheory.plateauLosses(new double[] {0.25, 0.25, 0.25, 0.25}, 31)[4], 1e-4);
    }

    @Test
    void fixedPointLossEqualsPopulationLossOfTheFixedPointPredictor() {
        Covariance cov = Covariance.fromEigen(D4, Covariance.randomOrthogonal(4, new RandomStreams(1).stream("basis")));
        double[] plateaus = LinearAttentionTheory.plateauLosses(D4, 31);
        for (int m = 0; m <= 4; m++) {
            double[] g = LinearAttentionTheory.fixedPointMatrix(cov.eigenvalues(), cov.eigenvectors(), 31, m);
            assertEquals(plateaus[m], LinearAttentionTheory.loss(g, cov.matrix(), 4, 31), 1e-13);
        }
    }

    @Test
    void fixedPointsAreStationaryForTheSeparateRankOneFlow() {
        double[] lambda = diag(D4);
        SeparateRankOneFlow flow = new SeparateRankOneFlow(lambda, 4, 31, 4);
        double[] state = new double[4 * 9];
        for (int h = 0; h < 2; h++) { // heads 0, 1 on e_0, e_1 (M_2)
            double v = LinearAttentionTheory.valueFixedPoint(D4[h], 1.0, 31);
            state[h * 9] = v;
            state[h * 9 + 1 + h] = v;
            state[h * 9 + 5 + h] = v;
        }
        for (double r : flow.computeDerivatives(0, state)) {
            assertEquals(0, r, 1e-14);
        }
        assertEquals(LinearAttentionTheory.plateauLosses(D4, 31)[2], flow.loss(state, 31), 1e-13);
    }

    @Test
    void valueFixedPointsInCodeUnitsMatchTheSpec() {
        double[] want = {0.417, 0.455, 0.513, 0.620};
        for (int k = 0; k < 4; k++) {
            assertEquals(want[k], LinearAttentionTheory.valueFixedPointCodeUnits(D4[k], 1.0, 31), 5e-4);
        }
    }

    @Test
    void fourthMomentMatchesMonteCarloWithinFourStandardErrors() {
        int d = 3;
        int n = 5;
        Covariance cov = Covariance.fromEigen(new double[] {0.6, 0.3, 0.1}, Covariance.randomOrthogonal(d, new RandomStreams(2).stream("b")));
        double[] exact = LinearAttentionTheory.fourthMoment(cov.matrix(), d, n);
        int samples = 40_000;
        double[] sum = new double[d * d];
        double[] sumSq = new double[d * d];
        double[] x = new double[n * d];
        double[] scratch = new double[d];
        for (int s = 0; s < samples; s++) {
            SplittableRandom rng = new RandomStreams(3).stream("fourth", s);
            for (int i = 0; i < n; i++) {
                cov.sample(rng, x, i * d, scratch);
            }
            double[] lh = new double[d * d];
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < d; a++) {
                    for (int b = 0; b < d; b++) {
                        lh[a * d + b] += x[i * d + a] * x[i * d + b] / n;
                    }
                }
            }
            double[] sq = LinearAttentionTheory.multiply(lh, lh, d);
            for (int k = 0; k < d * d; k++) {
                sum[k] += sq[k];
                sumSq[k] += sq[k] * sq[k];
            }
        }
        for (int k = 0; k < d * d; k++) {
            double mean = sum[k] / samples;
            double se = Math.sqrt((sumSq[k] / samples - mean * mean) / samples);
            assertTrue(Math.abs(mean - exact[k]) <= 4 * se, "entry " + k + ": " + mean + " vs " + exact[k] + " se " + se);
        }
    }

    @Test
    void scalarOdeIsTheSeparateFlowOnTheAnsatzAndConvergesToItsFixedPoint() {
        double[] lambda = diag(D4);
        SeparateRankOneFlow flow = new SeparateRankOneFlow(lambda, 4, 31, 1);
        double v0 = 0.05;
        double[] state = new double[9];
        state[0] = v0;
        state[1] = v0; // k = v e_0
        state[5] = v0; // q = v e_0
        double[] times = {0, 20, 60, 200};
        OdeSolution full = OdeSolution.adaptive(flow, 0, state, times, 1e-11, 1e-14);
        RankOneScalarOde ode = new RankOneScalarOde(0.4, 1.0, 31, RankOneScalarOde.Units.PAPER, 0);
        double[] v = ode.solve(v0, times);
        for (int i = 0; i < times.length; i++) {
            assertEquals(v[i], full.states()[i][0], 1e-8);
            assertEquals(v[i], full.states()[i][1], 1e-8);
        }
        assertEquals(ode.fixedPoint(), v[3], 1e-6);
        assertEquals(1 / (0.16 * v0), ode.escapeTime(v0), 1e-12);
    }

    @Test
    void mergedTimeCourseStartsAtInitAndEndsAtOneOverC() {
        int d = 4;
        int n = 31;
        double c = 1 + (1.0 + d) / n;
        assertEquals(1e-6 / 2, MergedAttentionTimeCourse.sigma(0, d, n, 1e-3), 1e-18);
        assertEquals(1 / c, MergedAttentionTimeCourse.sigma(20, d, n, 1e-3), 1e-12);
        assertEquals(d * (1 - 1 / c), MergedAttentionTimeCourse.lossAlongPath(1 / c, d, n), 1e-12);
        // code units, white Lambda = I/4: final loss D lambda (1 - 1/c) = 0.1389
        double lam = 0.25;
        double sc = MergedAttentionTimeCourse.sigmaCodeUnits(1e5, 1e-3, d, n, lam, 3e-12);
        assertEquals(1 / (n * lam * c), sc, 1e-12);
        assertEquals(0.1389, MergedAttentionTimeCourse.lossCodeUnits(sc, d, n, lam), 1e-4);
        // A.4 item 5 white check: ln(3.875/(17.44 * 3e-12)) / (4 * 1e-3 * 3.875) ~ 1610
        double escape = MergedAttentionTimeCourse.escapeStep(3.875, 17.44, 3e-12, 1e-3);
        assertEquals(1610, escape, 5);
        assertEquals(escape, MergedAttentionTimeCourse.halfwayStepCodeUnits(1e-3, d, n, lam, 3e-12), 0.5);
        // the same from Lambda itself: white I/4 gives s = 3.875, alpha = 17.44; default D=4 gives about 1040
        assertEquals(escape, MergedAttentionTimeCourse.escapeStep(diag(new double[] {lam, lam, lam, lam}), d, n, 3e-12, 1e-3), 2);
        assertEquals(1040, MergedAttentionTimeCourse.escapeStep(diag(D4), d, n, 3e-12, 1e-3), 10);
    }

    @Test
    void numericallyBestSeparateAttentionWithMHeadsReachesThePlateauLossOfMDirections() {
        Covariance cov = Covariance.fromEigen(D4, Covariance.randomOrthogonal(4, new RandomStreams(6).stream("basis")));
        double[] plateaus = LinearAttentionTheory.plateauLosses(D4, 31);
        for (int heads = 1; heads <= 4; heads++) {
            BestLinearAttentionLoss.Result r = BestLinearAttentionLoss.minimise(cov.matrix(), 4, 31, heads,
                    new RandomStreams(9).stream("best-linear", heads));
            assertEquals(plateaus[heads], r.loss(), 1e-7, "heads " + heads);
        }
    }

    @Test
    void fixedPointPredictorsHaveThePlateauLossesOnFreshPromptsWithinFourStandardErrors() {
        Covariance cov = Covariance.fromEigen(D4, Covariance.randomOrthogonal(4, new RandomStreams(12).stream("basis")));
        LinearRegressionTask task = new LinearRegressionTask(31, cov, 1.0, 0, 0);
        PromptBatch b = new PromptSampler(task, new RandomStreams(13), "plateau-mc").sample(0, 20_000);
        double[] plateaus = LinearAttentionTheory.plateauLosses(D4, 31);
        for (int m = 0; m <= 4; m++) {
            double[] pred = new LinearAttentionFixedPointEstimator(cov, 31, m).predict(b);
            double s = 0;
            double ss = 0;
            for (int p = 0; p < b.b; p++) {
                double e = (pred[p] - b.yq[p]) * (pred[p] - b.yq[p]);
                s += e;
                ss += e * e;
            }
            double mean = s / b.b;
            double se = Math.sqrt((ss / b.b - mean * mean) / (b.b - 1));
            assertTrue(Math.abs(mean - plateaus[m]) <= 4 * se, "m=" + m + ": " + mean + " vs " + plateaus[m] + " se " + se);
        }
    }

    @Test
    void rankOneFlowIsMinusHalfTheLossGradientByCentralFiniteDifferences() {
        // settles A.4 item 7's open question: the q-equation carries R^T = Lambda^2 - Lambda G^T F
        Covariance cov = Covariance.fromEigen(D4, Covariance.randomOrthogonal(4, new RandomStreams(14).stream("basis")));
        SeparateRankOneFlow flow = new SeparateRankOneFlow(cov.matrix(), 4, 31, 3);
        SplittableRandom rng = new RandomStreams(15).stream("state");
        double[] state = new double[flow.getDimension()];
        for (int i = 0; i < state.length; i++) {
            state[i] = 0.7 * rng.nextGaussian();
        }
        double[] rate = flow.computeDerivatives(0, state);
        double[] grad = FiniteDifference.gradient(s -> flow.loss(s, 31), state);
        for (int i = 0; i < state.length; i++) {
            double fd = -grad[i] / 2;
            assertTrue(Math.abs(fd - rate[i]) <= 1e-8 + 1e-6 * Math.abs(fd), i + ": " + fd + " vs " + rate[i]);
        }
    }

    private static double[] diag(double[] ev) {
        double[] m = new double[ev.length * ev.length];
        for (int i = 0; i < ev.length; i++) {
            m[i * ev.length + i] = ev[i];
        }
        return m;
    }
}
