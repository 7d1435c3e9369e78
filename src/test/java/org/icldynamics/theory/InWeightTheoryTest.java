package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.data.Normals;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

/**
 * The in-context vs in-weight closed forms against Monte Carlo on fresh prompts (white {@code Lambda = I/4}, D = 4,
 * N = 31, {@code |w*|^2 = D}, query token left out as the formulas state), within 4 standard errors of the sample
 * mean of the squared errors, and the optimality identities of the weights.
 */
class InWeightTheoryTest {
    private static final int D = 4;
    private static final int N = 31;
    private static final double LAMBDA = 0.25;
    private static final double W2 = D;
    private static final int PROMPTS = 20_000;

    /** Predictor kinds evaluated by {@link #monteCarlo}. */
    private enum Predictor { IN_CONTEXT, LABEL_PATH, IN_WEIGHT_OPTIMUM }

    /** Prompt distributions. */
    private enum Prompts { IN_WEIGHT, IN_CONTEXT }

    /** {mean, standard error} of the squared error of {@code p} on {@code prompts}. */
    private static double[] monteCarlo(Predictor p, Prompts prompts, String stream) {
        SplittableRandom rng = new RandomStreams(3).stream(stream);
        double[] wStar = {1, -1, 1, 1}; // |w*|^2 = 4 = D
        double sd = Math.sqrt(LAMBDA);
        double[] x = new double[D];
        double[] xq = new double[D];
        double[] w = new double[D];
        double sum = 0;
        double sum2 = 0;
        for (int s = 0; s < PROMPTS; s++) {
            Normals.fill(rng, w, 0, D);
            Normals.fill(rng, xq, 0, D);
            double[] b = new double[D];
            double syy = 0;
            double sxx = 0;
            for (int m = 0; m < N; m++) { // [N, D]
                Normals.fill(rng, x, 0, D);
                double y = 0;
                for (int j = 0; j < D; j++) {
                    x[j] *= sd;
                    y += w[j] * x[j];
                    sxx += x[j] * x[j];
                }
                if (prompts == Prompts.IN_WEIGHT) {
                    y = rng.nextGaussian();
                }
                syy += y * y;
                for (int j = 0; j < D; j++) {
                    b[j] += y * x[j];
                }
            }
            double target = 0;
            double icl = 0;
            double mem = 0;
            for (int j = 0; j < D; j++) {
                xq[j] *= sd;
                target += (prompts == Prompts.IN_WEIGHT ? wStar[j] : w[j]) * xq[j];
                icl += b[j] * xq[j];
                mem += wStar[j] * xq[j];
            }
            double a = syy / N;
            double bb = sxx / (N * LAMBDA);
            double yhat = switch (p) {
                case IN_CONTEXT -> InWeightTheory.inContextScale(LAMBDA, D, N) * icl;
                case LABEL_PATH -> InWeightTheory.labelPathWeight(N) * a * mem;
                case IN_WEIGHT_OPTIMUM -> InWeightTheory.inWeightOptimumWeight(D, N) * (a + bb) * mem;
            };
            double e2 = (target - yhat) * (target - yhat);
            sum += e2;
            sum2 += e2 * e2;
        }
        double mean = sum / PROMPTS;
        double var = (sum2 / PROMPTS - mean * mean) * PROMPTS / (PROMPTS - 1);
        return new double[] {mean, Math.sqrt(var / PROMPTS)};
    }

    private static void assertWithinFourStandardErrors(double theory, double[] mc, String what) {
        assertEquals(theory, mc[0], 4 * mc[1], what + ": Monte Carlo " + mc[0] + " +- " + mc[1]);
    }

    @Test
    void inContextOptimumScoresLStarOnInContextPromptsAndTheClosedFormOnInWeightPrompts() {
        assertEquals(0.138888888889, InWeightTheory.inContextOptimumOnInContext(LAMBDA, D, N), 1e-11);
        assertWithinFourStandardErrors(InWeightTheory.inContextOptimumOnInContext(LAMBDA, D, N),
                monteCarlo(Predictor.IN_CONTEXT, Prompts.IN_CONTEXT, "ic-ic"), "IC optimum on IC");
        assertWithinFourStandardErrors(InWeightTheory.inContextOptimumOnInWeight(LAMBDA, D, N, W2),
                monteCarlo(Predictor.IN_CONTEXT, Prompts.IN_WEIGHT, "ic-iw"), "IC optimum on IW");
    }

    @Test
    void labelPathAndInWeightOptimumMatchTheirClosedFormsOnBothTestSets() {
        double a = InWeightTheory.labelPathWeight(N);
        assertEquals(InWeightTheory.labelPathOnInWeight(LAMBDA, N, W2),
                InWeightTheory.memorisingOnInWeight(a, 0, LAMBDA, D, N, W2), 1e-15);
        assertWithinFourStandardErrors(InWeightTheory.labelPathOnInWeight(LAMBDA, N, W2),
                monteCarlo(Predictor.LABEL_PATH, Prompts.IN_WEIGHT, "lp-iw"), "label path on IW");
        assertWithinFourStandardErrors(InWeightTheory.memorisingOnInContext(a, 0, LAMBDA, D, N, W2),
                monteCarlo(Predictor.LABEL_PATH, Prompts.IN_CONTEXT, "lp-ic"), "label path on IC");
        double k = InWeightTheory.inWeightOptimumWeight(D, N);
        assertEquals(InWeightTheory.inWeightOptimumOnInWeight(LAMBDA, D, N, W2),
                InWeightTheory.memorisingOnInWeight(k, k, LAMBDA, D, N, W2), 1e-15);
        assertWithinFourStandardErrors(InWeightTheory.inWeightOptimumOnInWeight(LAMBDA, D, N, W2),
                monteCarlo(Predictor.IN_WEIGHT_OPTIMUM, Prompts.IN_WEIGHT, "opt-iw"), "IW optimum on IW");
        assertWithinFourStandardErrors(InWeightTheory.memorisingOnInContext(k, k, LAMBDA, D, N, W2),
                monteCarlo(Predictor.IN_WEIGHT_OPTIMUM, Prompts.IN_CONTEXT, "opt-ic"), "IW optimum on IC");
    }

    @Test
    void memorisingWeightsAreStationaryPointsOfTheInWeightLoss() {
        double h = 1e-6;
        double a = InWeightTheory.labelPathWeight(N);
        double da = (InWeightTheory.memorisingOnInWeight(a + h, 0, LAMBDA, D, N, W2)
                - InWeightTheory.memorisingOnInWeight(a - h, 0, LAMBDA, D, N, W2)) / (2 * h);
        assertEquals(0, da, 1e-8);
        double k = InWeightTheory.inWeightOptimumWeight(D, N);
        for (double[] dir : new double[][] {{1, 0}, {0, 1}}) {
            double g = (InWeightTheory.memorisingOnInWeight(k + h * dir[0], k + h * dir[1], LAMBDA, D, N, W2)
                    - InWeightTheory.memorisingOnInWeight(k - h * dir[0], k - h * dir[1], LAMBDA, D, N, W2)) / (2 * h);
            assertEquals(0, g, 1e-8);
        }
        assertTrue(InWeightTheory.inWeightOptimumOnInWeight(LAMBDA, D, N, W2)
                < InWeightTheory.labelPathOnInWeight(LAMBDA, N, W2), "more features, lower optimum");
    }
}
