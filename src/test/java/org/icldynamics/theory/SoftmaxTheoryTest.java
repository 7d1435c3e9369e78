package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.estimator.BayesEstimator;
import org.icldynamics.estimator.DebiasedGdEstimator;
import org.icldynamics.estimator.GradientDescentEstimator;
import org.icldynamics.data.Predictor;
import org.junit.jupiter.api.Test;

/** softmax-multihead A.4.2, A.4.3, A.4.6: closed forms against the spec's numbers and Monte Carlo. */
class SoftmaxTheoryTest {
    private static final int D = 5;
    private static final double S2 = 0.1;

    @Test
    void optimalStepsAndRisksMatchTheSpecTable() {
        int[] ls = {10, 20, 40, 60, 80, 100};
        double[][] want = { // eta*_DGD, R*_DGD, R_DGD(0.897), eta*_GD, R*_GD, R_GD(0.897)
            {0.6452, 0.5194, 0.6078, 0.6061, 0.4939, 0.6336},
            {0.7843, 0.3549, 0.3703, 0.7547, 0.3453, 0.3721},
            {0.8791, 0.2429, 0.2432, 0.8602, 0.2398, 0.2414},
            {0.9160, 0.1992, 0.1996, 0.9023, 0.1977, 0.1978},
            {0.9357, 0.1760, 0.1776, 0.9249, 0.1751, 0.1760},
            {0.9479, 0.1616, 0.1643, 0.9390, 0.1610, 0.1629}};
        for (int i = 0; i < ls.length; i++) {
            int l = ls[i];
            assertEquals(want[i][0], OneStepGdRisk.optimalDebiasedStep(D, l, S2), 1e-4);
            assertEquals(want[i][1], OneStepGdRisk.optimalDebiasedRisk(D, l, S2), 1e-4);
            assertEquals(want[i][2], OneStepGdRisk.debiased(0.897, D, l, S2), 1e-4);
            assertEquals(want[i][3], OneStepGdRisk.optimalGdStep(D, l, S2), 1e-4);
            assertEquals(want[i][4], OneStepGdRisk.optimalGdRisk(D, l, S2), 1e-4);
            assertEquals(want[i][5], OneStepGdRisk.gd(0.897, D, l, S2), 1e-4);
            // the optimum is the minimiser of the risk
            double eta = OneStepGdRisk.optimalDebiasedStep(D, l, S2);
            assertEquals(OneStepGdRisk.optimalDebiasedRisk(D, l, S2), OneStepGdRisk.debiased(eta, D, l, S2), 1e-12);
            assertTrue(OneStepGdRisk.debiased(eta + 1e-3, D, l, S2) > OneStepGdRisk.debiased(eta, D, l, S2));
        }
    }

    private static double[] squaredErrors(Predictor p, PromptBatch b) {
        double[] pred = p.predict(b);
        double[] e = new double[pred.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = (pred[i] - b.yq[i]) * (pred[i] - b.yq[i]);
        }
        return e;
    }

    private static double[] meanAndSe(double[] e) {
        double s = 0;
        double ss = 0;
        for (double v : e) {
            s += v;
            ss += v * v;
        }
        double m = s / e.length;
        return new double[] {m, Math.sqrt((ss / e.length - m * m) / (e.length - 1))};
    }

    @Test
    void gdAndDebiasedGdRisksMatchMonteCarloWithinFourStandardErrors() {
        for (int l : new int[] {10, 40}) {
            LinearRegressionTask task = new LinearRegressionTask(l, Covariance.isotropic(D, 1), 1.0 / D, S2, S2);
            PromptBatch b = new PromptSampler(task, new RandomStreams(21), "gd-risk").sample(0, 20_000);
            double[] dgd = meanAndSe(squaredErrors(new DebiasedGdEstimator(0.897), b));
            double[] gd = meanAndSe(squaredErrors(new GradientDescentEstimator(1, 0.897), b));
            assertTrue(Math.abs(dgd[0] - OneStepGdRisk.debiased(0.897, D, l, S2)) <= 4 * dgd[1], "DGD L=" + l + ": " + dgd[0]);
            assertTrue(Math.abs(gd[0] - OneStepGdRisk.gd(0.897, D, l, S2)) <= 4 * gd[1], "GD L=" + l + ": " + gd[0]);
        }
    }

    @Test
    void finiteDBayesRiskFormulaMatchesTheBayesEstimatorOnFreshPrompts() {
        int l = 20;
        BayesRisk.Estimate formula = BayesRisk.monteCarlo(D, l, 1.0 / D, S2, S2, 20_000, new RandomStreams(4));
        LinearRegressionTask task = new LinearRegressionTask(l, Covariance.isotropic(D, 1), 1.0 / D, S2, S2);
        PromptBatch b = new PromptSampler(task, new RandomStreams(5), "bayes").sample(0, 20_000);
        double[] mc = meanAndSe(squaredErrors(BayesEstimator.of(task), b));
        double se = Math.hypot(formula.standardError(), mc[1]);
        assertTrue(Math.abs(formula.mean() - mc[0]) <= 4 * se, formula + " vs " + mc[0] + " +- " + mc[1]);
        assertEquals(0.1331, formula.mean(), 4 * formula.standardError() + 0.002); // spec's own 40k-sample estimate
    }

    @Test
    void proportionalLimitsMatchTheAuthorsCheck() {
        // A.4.3: xi = 0.2, sigma2 = 3: ridge formula 3.4051, GD/multi-head formula 3.4444
        assertEquals(3.4051, BayesRisk.proportionalLimit(0.2, 3), 1e-4);
        assertEquals(3.4444, BayesRisk.multiHeadLimit(0.2, 3), 1e-4);
        // the authors' finite-size check (d = 20, L = 100): their ridge Monte Carlo gave 3.404-3.414
        BayesRisk.Estimate finite = BayesRisk.monteCarlo(20, 100, 1.0 / 20, 3, 3, 2000, new RandomStreams(6));
        assertTrue(finite.mean() > 3.404 - 4 * finite.standardError() && finite.mean() < 3.414 + 4 * finite.standardError(),
                finite.toString());
        // small xi: excess risks sigma2 xi (Bayes) and (1+sigma2) xi (multi-head)
        double xi = 1e-5;
        assertEquals(S2 * xi, BayesRisk.proportionalLimit(xi, S2) - S2, 1e-3 * S2 * xi);
        assertEquals((1 + S2) * xi, BayesRisk.multiHeadLimit(xi, S2) - S2, 1e-3 * xi);
    }

    @Test
    void optimalPreconditionerMatchesTheSpecForToeplitzAndIsEtaStarForIsotropic() {
        double[] g = OptimalPreconditioner.of(OptimalPreconditioner.toeplitz(D, 0.5), D, 40, S2);
        double[] diag = {1.091, 1.288, 1.289, 1.288, 1.091};
        for (int i = 0; i < D; i++) {
            assertEquals(diag[i], g[i * D + i], 1e-3);
        }
        assertEquals(-0.46, g[1], 0.01);
        assertEquals(-0.035, g[2], 0.005);
        double[] eye = OptimalPreconditioner.of(OptimalPreconditioner.toeplitz(D, 0), D, 40, S2);
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                assertEquals(i == j ? OneStepGdRisk.optimalDebiasedStep(D, 40, S2) : 0, eye[i * D + j], 1e-14);
            }
        }
    }

    @Test
    void debiasedGdStepTunedOnHeldOutPromptsIsNearlyOptimalInTheClosedForm() {
        LinearRegressionTask task = new LinearRegressionTask(40, Covariance.isotropic(D, 1), 1.0 / D, S2, S2);
        PromptBatch heldOut = new PromptSampler(task, new RandomStreams(31), "tune-dgd").sample(0, 20_000);
        org.icldynamics.estimator.Tuning.Result r = org.icldynamics.estimator.Tuning.brent(DebiasedGdEstimator::new, 0.2, 1.5,
                org.icldynamics.estimator.Tuning.Scale.LINEAR, heldOut);
        double se = meanAndSe(squaredErrors(r.predictor(), heldOut))[1];
        double excess = OneStepGdRisk.debiased(r.value(), D, 40, S2) - OneStepGdRisk.optimalDebiasedRisk(D, 40, S2);
        assertTrue(excess >= 0 && excess <= 4 * se, "tuned eta " + r.value() + " excess " + excess + " se " + se);
    }
}
