package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.CovarianceSpec;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.MultiTaskRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.QueryNoise;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.TraceNormalization;
import org.junit.jupiter.api.Test;

/** "No candidate fits" above the threshold, and multi-task models identified task by task on each task's view. */
class IdentificationVerdictTest {
    private static final List<CandidateFamily> GD = List.of(new CandidateFamily("debiased-gd",
            eta -> InlinePredictors.gd(eta, PreconditionerFit.Centring.DEBIASED),
            new ParameterGrid.Continuous(0.05, 2, 21, ParameterGrid.Scale.LINEAR)));

    @Test
    void aFamilyMemberFitsAndAPredictorOfNoFamilyGetsNoCandidateFitsWithItsBestError() {
        LinearRegressionTask task = new LinearRegressionTask(10, Covariance.isotropic(5, 1.0), 0.2, 0.1, 0.1);
        PromptBatch batch = new PromptSampler(task, new RandomStreams(3), "verdict").sample(0, 512);
        IdentificationResult member = AlgorithmIdentification.defaults().identify(
                InlinePredictors.gd(0.7, PreconditionerFit.Centring.DEBIASED), batch, GD);
        assertEquals("debiased-gd", member.verdict());
        assertTrue(member.fitsWithinThreshold());
        // the query's first coordinate alone: no GD step reproduces it
        double[] target = new double[batch.b];
        for (int p = 0; p < batch.b; p++) {
            target[p] = batch.xq[p * batch.d];
        }
        IdentificationResult none = AlgorithmIdentification.defaults().identify("x_q[0]", target, batch, GD);
        assertEquals(IdentificationResult.NO_FIT, none.verdict());
        assertFalse(none.fitsWithinThreshold());
        assertEquals("debiased-gd", none.best());
        assertTrue(none.bestFit().relativeError() > IdentificationResult.DEFAULT_THRESHOLD, none.toString());
    }

    @Test
    void eachTaskOfAMultiTaskModelIsIdentifiedOnItsOwnCoordinatesAndLabels() {
        int[][] supports = {{0, 1, 2}, {2, 3, 4}, {0, 4, 5}};
        MultiTaskRegressionTask task = new MultiTaskRegressionTask.Spec(20,
                new CovarianceSpec.Toeplitz(6, 0.0, TraceNormalization.NONE), supports, 1, new double[] {0.1, 0.1, 0.1},
                QueryNoise.NOISELESS).build(new RandomStreams(1));
        PromptBatch full = new PromptSampler(task, new RandomStreams(2), "views").sample(0, 512);
        double[] etas = {0.5, 0.9, 1.3};
        double[] all = new double[full.b * 3];
        for (int t = 0; t < 3; t++) { // a model that runs debiased GD with its own step on each task's view
            double[] y = InlinePredictors.gd(etas[t], PreconditionerFit.Centring.DEBIASED)
                    .predict(AlgorithmIdentification.taskView(full, supports[t], t));
            for (int p = 0; p < full.b; p++) {
                all[p * 3 + t] = y[p];
            }
        }
        for (int t = 0; t < 3; t++) {
            PromptBatch view = AlgorithmIdentification.taskView(full, supports[t], t);
            assertEquals(3, view.d);
            for (int p = 0; p < full.b; p++) { // the view's query label is its task's, read off its coordinates
                double s = 0;
                for (int j = 0; j < 3; j++) {
                    s += view.w[p * 3 + j] * view.xq[p * 3 + j];
                }
                assertEquals(full.signal[p * 3 + t], s, 1e-12);
            }
            IdentificationResult r = AlgorithmIdentification.defaults().identify("model task " + t,
                    AlgorithmIdentification.output(all, 3, t), view, GD);
            assertEquals("debiased-gd", r.verdict());
            assertEquals(etas[t], r.bestFit().parameter(), 1e-6);
        }
    }
}
