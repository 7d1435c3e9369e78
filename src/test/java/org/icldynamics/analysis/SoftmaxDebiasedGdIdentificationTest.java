package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.analysis.IdentificationResult.FamilyFit;
import org.icldynamics.analysis.ParameterGrid.Continuous;
import org.icldynamics.analysis.ParameterGrid.Scale;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

/**
 * The softmax paper's structured two-head model (spec A.2.2, omega = +/-0.13, mu = +/-3.45, d = 5, L = 40,
 * sigma2 = 0.1) is identified as debiased GD with eta near {@code sum_h mu_h omega_h = 0.897} (spec A.4.2: the
 * small-omega expansion; even-order terms cancel between the two opposite heads).
 */
class SoftmaxDebiasedGdIdentificationTest {
    private static Predictor structured(double[] omega, double[] mu) {
        return Predictor.of("structured-softmax", b -> {
            double[] out = new double[b.b];
            double[] s = new double[b.n];
            for (int p = 0; p < b.b; p++) {
                for (int h = 0; h < omega.length; h++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int l = 0; l < b.n; l++) { // [n] scores
                        double dot = 0;
                        for (int j = 0; j < b.d; j++) {
                            dot += b.x[b.xIndex(p, l) + j] * b.xq[p * b.d + j];
                        }
                        s[l] = omega[h] * dot;
                        max = Math.max(max, s[l]);
                    }
                    double z = 0;
                    double acc = 0;
                    for (int l = 0; l < b.n; l++) {
                        double e = Math.exp(s[l] - max);
                        z += e;
                        acc += e * b.y[b.yIndex(p, l)];
                    }
                    out[p] += mu[h] * acc / z;
                }
            }
            return out;
        });
    }

    @Test
    void twoOppositeHeadsAreDebiasedGdWithStepSumMuOmega() {
        LinearRegressionTask task = new LinearRegressionTask(40, Covariance.isotropic(5, 1.0), 0.2, 0.1, 0.1);
        PromptBatch batch = new PromptSampler(task, new RandomStreams(21), "identify").sample(0, 2048);
        Predictor model = structured(new double[] {0.13, -0.13}, new double[] {3.45, -3.45});
        List<CandidateFamily> families = List.of(
                new CandidateFamily("gd", eta -> InlinePredictors.gd(eta, PreconditionerFit.Centring.PLAIN), new Continuous(0.05, 2, 40,
                        Scale.LINEAR)),
                new CandidateFamily("debiased-gd", eta -> InlinePredictors.gd(eta, PreconditionerFit.Centring.DEBIASED), new Continuous(0.05, 2, 40,
                        Scale.LINEAR)));
        IdentificationResult r = AlgorithmIdentification.defaults().identify(model, batch, families);
        FamilyFit dgd = r.bestFit();
        assertEquals("debiased-gd", r.best(), r.toString());
        assertEquals(2 * 3.45 * 0.13, dgd.parameter(), 0.03, r.toString());
        assertTrue(dgd.relativeError() < 0.05, r.toString()); // measured 0.020 (plain GD: 0.065)
        assertTrue(r.fits().get(0).relativeError() > dgd.relativeError(), r.toString());
        // the effective preconditioner is eta I (spec A.4.6 with Sigma = I)
        PreconditionerFitResult g = PreconditionerFit.fit(model, batch, PreconditionerFit.Centring.DEBIASED);
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                assertEquals(a == b ? 2 * 3.45 * 0.13 : 0, g.gamma(a, b), 0.03, g.toString());
            }
        }
    }
}
