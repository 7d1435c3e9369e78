package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icldynamics.analysis.PreconditionerFit.Centring;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.Normals;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

class PreconditionerFitTest {
    private static PromptBatch prompts(int d, int n, int b) {
        LinearRegressionTask task = new LinearRegressionTask(n, Covariance.isotropic(d, 1.0), 1.0 / d, 0.1, 0.1);
        return new PromptSampler(task, new RandomStreams(31), "precondition").sample(0, b);
    }

    /** {@code yhat = beta^T gamma x_q}. */
    private static Predictor bilinear(double[] gamma) {
        return InlinePredictors.bilinear("bilinear", gamma, Centring.PLAIN);
    }

    @Test
    void debiasedGdGivesEtaTimesIdentity() {
        PreconditionerFitResult r = PreconditionerFit.fit(InlinePredictors.gd(0.88, PreconditionerFit.Centring.DEBIASED), prompts(5, 20, 400),
                Centring.DEBIASED);
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(i == j ? 0.88 : 0, r.gamma(i, j), 1e-10);
            }
        }
        assertTrue(r.relativeError() < 1e-12, r.toString());
    }

    @Test
    void arbitraryPreconditionerIsRecoveredExactly() {
        double[] gamma = new double[16];
        Normals.fill(new RandomStreams(8).stream("gamma"), gamma, 0, 16);
        PreconditionerFitResult r = PreconditionerFit.fit(bilinear(gamma), prompts(4, 10, 200),
                Centring.PLAIN);
        for (int i = 0; i < 16; i++) {
            assertEquals(gamma[i], r.gamma()[i], 1e-10);
        }
        // the same model read with the wrong centring leaves a residual
        assertTrue(PreconditionerFit.fit(bilinear(gamma), prompts(4, 10, 200), Centring.DEBIASED)
                .relativeError() > 0.01);
    }

    @Test
    void tooFewPromptsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PreconditionerFit.fit(InlinePredictors.gd(1, PreconditionerFit.Centring.PLAIN), prompts(5, 10, 20), Centring.PLAIN));
        assertTrue(e.getMessage().contains("d^2 = 25"), e.getMessage());
    }
}
