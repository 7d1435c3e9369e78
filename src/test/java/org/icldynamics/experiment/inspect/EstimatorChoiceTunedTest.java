package org.icldynamics.experiment.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.estimator.BayesEstimator;
import org.junit.jupiter.api.Test;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.TaskSection;

/**
 * {@code preconditioned-gd}, {@code p-then-o} and {@code KIND:tuned} of {@code icl eval} against independent
 * computations: the closed-form optimal step, the held-out MSE's own minimiser, the Bayes risk, and the
 * preprocess-then-optimize formula written out by hand.
 */
class EstimatorChoiceTunedTest {
    private static final int D = 4;
    private static final int N = 12;
    private static final double LAMBDA = 0.5;
    private static final double TAU2 = 1.0;
    private static final double SIGMA2 = 0.25;
    private static final TaskSection TASK = ConfigYaml.defaults(List.of("task.d=4", "task.n=12", "task.tau2=1",
            "task.noise=0.25", "task.queryNoise=0.25")).task();
    private static final Covariance COV = Covariance.isotropic(D, LAMBDA);
    private static final LinearRegressionTask DIST = new LinearRegressionTask(N, COV, TAU2, SIGMA2, SIGMA2);

    private static PromptBatch prompts(String stream, int count) {
        return new PromptSampler(DIST, new RandomStreams(5), stream).sample(0, count);
    }

    private static Predictor build(String text, PromptBatch tuning) {
        return EstimatorChoice.parse(text).build(TASK, COV, N, () -> tuning);
    }

    /** {@code beta^T x_q} per prompt, {@code beta = (1/n) sum y_l x_l}. */
    private static double[] betaDotQuery(PromptBatch b) {
        double[] out = new double[b.b];
        for (int p = 0; p < b.b; p++) {
            for (int j = 0; j < b.d; j++) {
                double beta = 0;
                for (int l = 0; l < b.n; l++) {
                    beta += b.y[b.yIndex(p, l)] * b.x[b.xIndex(p, l) + j];
                }
                out[p] += beta / b.n * b.xq[p * b.d + j];
            }
        }
        return out;
    }

    @Test
    void preconditionedGdOnWhiteInputsIsOneGdStepWithTheClosedFormOptimalStep() {
        // white Lambda: G* = tau2 lambda / (tau2 lambda^2 (1 + (1 + d)/n) + sigma2 lambda / n) I
        double eta = TAU2 * LAMBDA / (TAU2 * LAMBDA * LAMBDA * (1 + (1.0 + D) / N) + SIGMA2 * LAMBDA / N);
        PromptBatch b = prompts("test", 300);
        double[] a = build("preconditioned-gd", null).predict(b);
        double[] s = betaDotQuery(b);
        for (int i = 0; i < a.length; i++) {
            assertEquals(eta * s[i], a[i], 1e-12 * (1 + Math.abs(a[i])));
        }
        double[] half = build("preconditioned-gd:0.5", null).predict(b);
        assertEquals(0.5 * a[3], half[3], 1e-12 * (1 + Math.abs(a[3])));
    }

    @Test
    void tunedOneStepGdPicksTheHeldOutMinimiserWhichIsTheOptimalStepWithinFourStandardErrors() {
        PromptBatch tune = prompts(RunEvaluation.TUNING_STREAM, 4000);
        Predictor tuned = build("gd:tuned", tune);
        // the held-out MSE of yhat = eta a is quadratic in eta: its minimiser is sum a y / sum a^2
        double[] a = betaDotQuery(tune);
        double sumAy = 0;
        double sumA2 = 0;
        for (int i = 0; i < a.length; i++) {
            sumAy += a[i] * tune.yq[i];
            sumA2 += a[i] * a[i];
        }
        double etaHat = sumAy / sumA2;
        assertTrue(tuned.name().startsWith("gd:tuned (ETA = "), tuned.name());
        double chosen = Double.parseDouble(tuned.name().replaceAll(".*= ([^)]*)\\)", "$1"));
        assertEquals(etaHat, chosen, 1e-3 * etaHat, "Brent's search finds the held-out minimiser");
        // delta method: var(etaHat) = var(a y - eta a^2) / (P mean(a^2)^2)
        double mean = sumA2 / a.length;
        double ss = 0;
        for (int i = 0; i < a.length; i++) {
            double r = a[i] * tune.yq[i] - etaHat * a[i] * a[i];
            ss += r * r;
        }
        double se = Math.sqrt(ss / a.length / a.length) / mean;
        double eta = TAU2 * LAMBDA / (TAU2 * LAMBDA * LAMBDA * (1 + (1.0 + D) / N) + SIGMA2 * LAMBDA / N);
        assertTrue(Math.abs(etaHat - eta) <= 4 * se, etaHat + " +- " + se + " vs the population optimum " + eta);
    }

    @Test
    void tunedRidgeReachesTheBayesRiskWithinFourPairedStandardErrors() {
        Predictor ridge = build("ridge:tuned", prompts(RunEvaluation.TUNING_STREAM, 2000));
        Predictor bayes = new BayesEstimator(TAU2, SIGMA2); // ridge with lambda = sigma2 / tau2 is the posterior mean
        PromptBatch test = prompts("test", 20_000);
        double[] r = ridge.predict(test);
        double[] p = bayes.predict(test);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < r.length; i++) {
            double diff = (r[i] - test.yq[i]) * (r[i] - test.yq[i]) - (p[i] - test.yq[i]) * (p[i] - test.yq[i]);
            sum += diff;
            sumSq += diff * diff;
        }
        double mean = sum / r.length;
        double se = Math.sqrt((sumSq / r.length - mean * mean) / (r.length - 1));
        assertTrue(mean >= -4 * se && mean <= 4 * se, "ridge:tuned - bayes = " + mean + " +- " + se);
    }

    @Test
    void pThenOIsTheRescaledGradientStepWrittenOut() {
        PromptBatch b = prompts("test", 50);
        double eta = 0.7;
        double[] a = build("p-then-o:0.7", null).predict(b);
        for (int p = 0; p < b.b; p++) {
            double[] r = new double[D];
            double max = 0;
            for (int j = 0; j < D; j++) {
                for (int l = 0; l < N; l++) {
                    r[j] += b.y[b.yIndex(p, l)] * b.x[b.xIndex(p, l) + j] / N;
                }
                max = Math.max(max, r[j] * r[j]);
            }
            // one step from zero on (1/2n)||X R v - y||^2 with R = diag|r_j|, step eta / max r_j^2; predict <R v, x_q>
            double yhat = 0;
            for (int j = 0; j < D; j++) {
                yhat += eta / max * r[j] * r[j] * r[j] * b.xq[p * D + j];
            }
            assertEquals(yhat, a[p], 1e-12 * (1 + Math.abs(yhat)));
        }
    }

    @Test
    void tunedKindsAndUndefinedKindsAreOneLineErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> EstimatorChoice.parse("bayes:tuned"));
        assertTrue(e.getMessage().contains("no parameter to tune"), e.getMessage());
        TaskSection sparse = ConfigYaml.defaults(List.of("task.kind=sparse", "task.sparsity=2")).task();
        e = assertThrows(ConfigException.class, () -> EstimatorChoice.parse("bayes").build(sparse,
                Covariance.isotropic(sparse.d(), 1.0), sparse.n()));
        assertTrue(e.getMessage().contains("undefined for this task") && e.getMessage().contains("2-sparse"),
                e.getMessage());
        TaskSection multi = ConfigYaml.defaults(List.of("task.d=6", "task.tasks=3",
                "task.supports=[[0, 1, 2], [2, 3, 4], [4, 5, 0]]")).task();
        e = assertThrows(ConfigException.class, () -> EstimatorChoice.parse("preconditioned-gd").build(multi,
                Covariance.isotropic(6, 1.0), multi.n()));
        assertTrue(e.getMessage().contains("task.tasks = 3"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        e = assertThrows(ConfigException.class, () -> EstimatorChoice.parse("p-then-o:0.5:2.5"));
        assertTrue(e.getMessage().contains("whole number"), e.getMessage());
    }
}
