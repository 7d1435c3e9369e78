package org.icldynamics.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.data.CovarianceSpec;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.TraceNormalization;
import org.junit.jupiter.api.Test;
import org.icldynamics.config.ConfigException;

/** {@code task.covariance: toeplitz} with {@code task.rho}: binding, validation and the sampled inputs. */
class ToeplitzCovarianceConfigTest {
    private static ExperimentSpec spec(String... o) {
        return ConfigYaml.defaults(new ArrayList<>(List.of(o)));
    }

    @Test
    void defaultCovarianceIsDiagonalAndIsotropic() {
        TaskSection t = spec().task();
        assertEquals(TaskSection.CovarianceKind.DIAGONAL, t.covariance());
        assertEquals(0, t.rho());
        assertTrue(t.isotropic());
        assertEquals(new CovarianceSpec.Isotropic(5, 1, TraceNormalization.NONE), ExperimentFactory.covarianceSpec(t));
    }

    @Test
    void toeplitzKeysBindToTheToeplitzSpecWithTheTraceSetting() {
        TaskSection t = spec("task.covariance=toeplitz", "task.rho=0.5", "task.trace=unit-trace").task();
        assertFalse(t.isotropic());
        assertEquals(new CovarianceSpec.Toeplitz(5, 0.5, TraceNormalization.UNIT_TRACE), ExperimentFactory.covarianceSpec(t));
        ExperimentSpec s = spec("task.covariance=toeplitz", "task.rho=-0.3");
        assertEquals(s, ConfigYaml.parse(ConfigYaml.write(s), "config.yaml", List.of()), "survives the written config");
    }

    @Test
    void rhoOutsideTheOpenUnitIntervalIsRejectedNamingTheKey() {
        for (String rho : List.of("1", "-1", "1.5")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> spec("task.covariance=toeplitz", "task.rho=" + rho));
            assertTrue(e.getMessage().contains("task.rho") && e.getMessage().contains("(-1, 1)"), e.getMessage());
        }
    }

    @Test
    void rhoWithoutToeplitzAndToeplitzWithEigenvaluesAreRejected() {
        ConfigException e = assertThrows(ConfigException.class, () -> spec("task.rho=0.5"));
        assertTrue(e.getMessage().contains("task.rho") && e.getMessage().contains("toeplitz"), e.getMessage());
        ConfigException f = assertThrows(ConfigException.class,
                () -> spec("task.covariance=toeplitz", "task.rho=0.5", "task.eigenvalues=[1,2,3,4,5]"));
        assertTrue(f.getMessage().contains("task.covariance") && f.getMessage().contains("eigenvalues"),
                f.getMessage());
    }

    /** E[x_i x_j] = rho^|i-j| within 4 standard errors of the sample mean of x_i x_j (160,000 draws). */
    @Test
    void sampledInputsHaveToeplitzCovarianceWithinFourStandardErrors() {
        double rho = 0.5;
        ExperimentSpec s = spec("task.covariance=toeplitz", "task.rho=" + rho);
        RandomStreams streams = new RandomStreams(7);
        LinearRegressionTask task = (LinearRegressionTask) ExperimentFactory.taskSpec(s.task()).build(streams);
        PromptBatch b = new PromptSampler(task, streams, "test").sample(0, 4000);
        int d = b.d;
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                double sum = 0;
                double sumSq = 0;
                long count = 0;
                for (int p = 0; p < b.b; p++) {
                    for (int l = 0; l < b.n; l++) { // [b, n, d]
                        int o = b.xIndex(p, l);
                        double v = b.x[o + i] * b.x[o + j];
                        sum += v;
                        sumSq += v * v;
                        count++;
                    }
                }
                double mean = sum / count;
                double se = Math.sqrt((sumSq / count - mean * mean) / count);
                double expected = Math.pow(rho, Math.abs(i - j));
                assertTrue(Math.abs(mean - expected) <= 4 * se, "Lambda[" + i + "," + j + "] = " + mean
                        + ", expected " + expected + " +- 4 x " + se);
            }
        }
    }
}
