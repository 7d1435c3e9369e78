package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.analysis.IdentificationResult.FamilyFit;
import org.icldynamics.analysis.ParameterGrid.Continuous;
import org.icldynamics.analysis.ParameterGrid.Discrete;
import org.icldynamics.analysis.ParameterGrid.Scale;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

class AlgorithmIdentificationTest {
    private static PromptBatch prompts(Covariance cov, int n) {
        LinearRegressionTask task = new LinearRegressionTask(n, cov, 1.0 / cov.d(), 0.1, 0.1);
        return new PromptSampler(task, new RandomStreams(17), "identify").sample(0, 512);
    }

    private static List<CandidateFamily> gdFamilies(Scale scale) {
        return List.of(
                new CandidateFamily("gd", eta -> InlinePredictors.gd(eta, PreconditionerFit.Centring.PLAIN), new Continuous(0.05, 2, 21, scale)),
                new CandidateFamily("debiased-gd", eta -> InlinePredictors.gd(eta, PreconditionerFit.Centring.DEBIASED),
                        new Continuous(0.05, 2, 21, scale)));
    }

    @Test
    void debiasedGdModelIsIdentifiedWithItsStep() {
        PromptBatch batch = prompts(Covariance.isotropic(5, 1.0), 10);
        Predictor model = InlinePredictors.gd(0.8791, PreconditionerFit.Centring.DEBIASED);
        for (Scale scale : Scale.values()) {
            IdentificationResult r = AlgorithmIdentification.defaults().identify(model, batch, gdFamilies(scale));
            assertEquals("debiased-gd", r.best());
            FamilyFit dgd = r.bestFit();
            assertEquals(0.8791, dgd.parameter(), 1e-6, scale.toString());
            assertTrue(dgd.relativeError() < 1e-6, dgd.toString());
            assertFalse(dgd.atBoundary());
            // plain GD misses the -ybar xbar^T x_q term, which is O(1/sqrt(n)) of the prediction at n = 10
            FamilyFit gd = r.fits().get(0);
            assertTrue(gd.relativeError() > 0.05, gd.toString());
            assertEquals(512, r.prompts());
        }
    }

    @Test
    void pcrCheckpointIsIdentifiedWithItsNumberOfComponents() {
        double[] ev = {0.4, 0.3, 0.2, 0.1};
        Covariance cov = Covariance.fromEigen(ev,
                Covariance.randomOrthogonal(4, new RandomStreams(5).stream("basis")));
        double[] vec = cov.eigenvectors();
        PromptBatch batch = prompts(cov, 31);
        Predictor model = InlinePredictors.pcr(2, ev, vec);
        List<CandidateFamily> families = List.of(
                new CandidateFamily("pcr", m -> InlinePredictors.pcr((int) m, ev, vec),
                        new Discrete(new double[] {1, 2, 3, 4})),
                gdFamilies(Scale.LINEAR).get(0));
        IdentificationResult r = AlgorithmIdentification.defaults().identify(model, batch, families);
        assertEquals("pcr", r.best());
        assertEquals(2, r.bestFit().parameter(), 0);
        assertEquals(0, r.bestFit().relativeError(), 1e-12);
        assertTrue(r.fits().get(1).relativeError() > 0.1, r.fits().get(1).toString());
    }

    @Test
    void fitAtTheEndOfTheRangeIsFlagged() {
        PromptBatch batch = prompts(Covariance.isotropic(5, 1.0), 10);
        IdentificationResult r = AlgorithmIdentification.defaults().identify(InlinePredictors.gd(3.0, PreconditionerFit.Centring.DEBIASED), batch,
                gdFamilies(Scale.LINEAR).subList(1, 2));
        assertTrue(r.bestFit().atBoundary(), r.toString());
        assertEquals(2.0, r.bestFit().parameter(), 1e-9);
    }

    @Test
    void zeroModelIsRejected() {
        PromptBatch batch = prompts(Covariance.isotropic(5, 1.0), 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AlgorithmIdentification
                .defaults().identify(InlinePredictors.gd(0, PreconditionerFit.Centring.DEBIASED), batch, gdFamilies(Scale.LINEAR)));
        assertTrue(e.getMessage().contains("predicts 0"), e.getMessage());
    }
}
