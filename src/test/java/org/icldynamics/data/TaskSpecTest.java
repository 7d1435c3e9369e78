package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TaskSpecTest {

    @Test
    void linearAttentionPresetHasEigenvaluesKOver36ForDEqualsEight() {
        LinearRegressionTask t = LinearRegressionTask.Spec.linearAttention(8).build(new RandomStreams(10));
        assertEquals(31, t.n());
        double[] expect = new double[8];
        for (int k = 0; k < 8; k++) {
            expect[k] = (8 - k) / 36.0;
        }
        assertArrayEquals(expect, t.covariance().eigenvalues(), 1e-15);
        assertEquals(1.0, t.tau2());
        assertEquals(0.0, t.sigma2());
    }

    /** Softmax preset: E||w||^2 = d tau2 = 1, so Var(y_q) = 1 + sigma2 = 1.1 (checked within 4 SE). */
    @Test
    void softmaxPresetHasUnitSignalVarianceAndNoisyQuery() {
        TaskSpec spec = LinearRegressionTask.Spec.softmaxSingleTask();
        assertEquals(5, spec.d());
        assertEquals(40, spec.n());
        Task t = spec.build(new RandomStreams(1));
        PromptBatch b = new PromptSampler(t, new RandomStreams(2), "t").sample(0, 40_000);
        double s = 0;
        double s4 = 0;
        for (double y : b.yq) {
            s += y * y;
            s4 += y * y * y * y;
        }
        double m = s / b.b;
        double se = Math.sqrt((s4 / b.b - m * m) / b.b);
        assertEquals(1.1, m, 4 * se);
    }

    @Test
    void specsRejectBadSettingsNamingThem() {
        CovarianceSpec cov = new CovarianceSpec.Isotropic(3, 1, TraceNormalization.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LinearRegressionTask.Spec(-1, cov, 1, 0, 0));
        assertTrue(e.getMessage().contains("context length"));
        e = assertThrows(IllegalArgumentException.class, () -> new LinearRegressionTask.Spec(3, cov, 1, -0.1, 0));
        assertTrue(e.getMessage().contains("sigma2"));
    }
}
