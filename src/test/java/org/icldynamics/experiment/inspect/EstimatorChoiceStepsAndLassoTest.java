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
import org.icldynamics.estimator.GradientDescentEstimator;
import org.icldynamics.estimator.LeastSquaresEstimator;
import org.junit.jupiter.api.Test;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.TaskSection;

/** {@code gd:ETA:K} and {@code lasso:LAMBDA} on dense tasks, through the estimator names of {@code icl eval}. */
class EstimatorChoiceStepsAndLassoTest {
    private static final TaskSection TASK = ConfigYaml.defaults(List.of()).task();

    private static PromptBatch prompts() {
        LinearRegressionTask task = new LinearRegressionTask(20, Covariance.isotropic(5, 1.0), 0.2, 0.1, 0.1);
        return new PromptSampler(task, new RandomStreams(9), "estimators").sample(0, 200);
    }

    private static Predictor build(String text) {
        return EstimatorChoice.parse(text).build(TASK, Covariance.isotropic(5, 1.0), 20);
    }

    @Test
    void kStepGdIsTheGdEstimatorWithKSteps() {
        PromptBatch b = prompts();
        double[] a = build("gd:0.5:3").predict(b);
        double[] e = new GradientDescentEstimator(3, 0.5).predict(b);
        for (int i = 0; i < a.length; i++) {
            assertEquals(e[i], a[i], 0.0);
        }
        double[] one = build("gd:0.5").predict(b);
        double[] e1 = new GradientDescentEstimator(1, 0.5).predict(b);
        assertEquals(e1[7], one[7], 0.0);
    }

    @Test
    void lassoWithoutPenaltyIsLeastSquaresAndAHugePenaltyPredictsZero() {
        PromptBatch b = prompts();
        double[] lasso = build("lasso:0").predict(b);
        double[] ols = new LeastSquaresEstimator().predict(b);
        for (int i = 0; i < lasso.length; i++) {
            assertEquals(ols[i], lasso[i], 1e-6 * (1 + Math.abs(ols[i])));
        }
        for (double v : build("lasso:1e6").predict(b)) {
            assertEquals(0, v, 0.0);
        }
    }

    @Test
    void badParametersAreOneLineConfigErrors() {
        for (String[] c : new String[][] {{"gd:0.5:1.5", "whole number"}, {"lasso:-1", ">= 0"},
                {"ridge:-1", "LAMBDA must be >= 0"},
                {"lasso", "takes 1"}, {"gd:1:2:3", "takes"}}) {
            ConfigException e = assertThrows(ConfigException.class, () -> EstimatorChoice.parse(c[0]));
            assertTrue(e.getMessage().contains(c[1]), e.getMessage());
        }
    }
}
