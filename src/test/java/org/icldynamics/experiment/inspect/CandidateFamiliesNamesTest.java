package org.icldynamics.experiment.inspect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.icldynamics.analysis.CandidateFamily;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.TaskSection;
import org.junit.jupiter.api.Test;

/** One name per estimator: a family identified in a run and the {@code icl eval} kind of that name are the same. */
class CandidateFamiliesNamesTest {
    private static final int D = 4;
    private static final int N = 12;

    @Test
    void everyFamilyIsTheEstimatorKindOfTheSameNameBitForBit() {
        Covariance cov = Covariance.fromEigen(new double[] {3, 1.5, 0.5, 0.25}, identity());
        TaskSection task = ConfigYaml.defaults(List.of()).task();
        PromptBatch b = new PromptSampler(new LinearRegressionTask(N, cov, 1.0, 0.1, 0.0), new RandomStreams(4),
                "names").sample(0, 50);
        List<CandidateFamily> families = CandidateFamilies.forRun(D, N, cov);
        assertEquals(List.of("gd", "debiased-gd", "ridge", "fixed-point", "pcr"),
                families.stream().map(CandidateFamily::name).toList());
        for (CandidateFamily f : families) {
            double p = f.name().equals("fixed-point") || f.name().equals("pcr") ? 2 : 0.3;
            EstimatorChoice kind = EstimatorChoice.parse(f.name() + ":" + String.format(Locale.ROOT, "%s", p));
            assertArrayEquals(f.member().apply(p).predict(b), kind.build(task, cov, N).predict(b), 0.0, f.name());
        }
    }

    private static double[] identity() {
        double[] e = new double[D * D];
        for (int i = 0; i < D; i++) {
            e[i * D + i] = 1;
        }
        return e;
    }
}
