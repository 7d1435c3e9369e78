package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.model.HeadIntervention;
import org.junit.jupiter.api.Test;

class AblationTest {
    /** Head h contributes {@code a_h * signal}; the model side reads the interventions for one evaluation. */
    private static final double[] A = {0.5, 0.5, 0.0};

    private static Function<List<HeadIntervention>, Predictor> modelUnder() {
        return list -> new Predictor() {
            @Override
            public String name() {
                return "additive heads";
            }

            @Override
            public double[] predict(PromptBatch b) {
                boolean[] on = {true, true, true};
                for (HeadIntervention i : list) {
                    on[((HeadIntervention.Zero) i).head()] = false;
                }
                double[] out = new double[b.b];
                for (int p = 0; p < b.b; p++) {
                    for (int h = 0; h < A.length; h++) {
                        out[p] += on[h] ? A[h] * b.signal[p] : 0;
                    }
                }
                return out;
            }
        };
    }

    @Test
    void zeroingAndKeepingHeadsGiveTheLossesOfTheRemainingSum() {
        LinearRegressionTask task = new LinearRegressionTask(8, Covariance.isotropic(3, 1.0), 1.0, 0.0, 0.0);
        PromptBatch batch = new PromptSampler(task, new RandomStreams(2), "ablation").sample(0, 256);
        double s2 = 0;
        for (double s : batch.signal) {
            s2 += s * s / batch.b;
        }
        List<Ablation.Case> rows = new java.util.ArrayList<>(Ablation.eachHeadZeroed(3));
        rows.add(Ablation.Case.keep(List.of(0, 1), 3));
        rows.add(Ablation.Case.keep(List.of(2), 3));
        rows.add(Ablation.Case.of(List.of(new HeadIntervention.Zero(0, 0), new HeadIntervention.Zero(0, 1))));
        AblationResult r = Ablation.evaluate(modelUnder(), batch, rows);
        assertEquals(0.0, r.baselineLoss(), 0); // 0.5 s + 0.5 s = s exactly, noiseless query
        assertEquals(0.25 * s2, r.rows().get(0).loss(), 1e-14 * s2);
        assertEquals(0.25 * s2, r.rows().get(1).loss(), 1e-14 * s2);
        assertEquals(0.0, r.rows().get(2).loss(), 0); // the dummy head changes nothing
        assertEquals(0.0, r.rows().get(3).loss(), 0);
        assertEquals(s2, r.rows().get(4).loss(), 1e-14 * s2);
        assertEquals(s2, r.rows().get(5).loss(), 1e-14 * s2);
        assertEquals("zero head 0 + zero head 1", r.rows().get(5).label());
        assertEquals("keep heads [0, 1]", r.rows().get(3).label());
        assertEquals(r.rows().get(0).loss() - r.baselineLoss(), r.rows().get(0).increase(), 0);
        assertEquals(256, r.prompts());
    }

    @Test
    void standardSetZeroesEachHeadAndKeepsActiveAndSignGroups() {
        java.util.List<org.icldynamics.model.HeadCircuit> heads = List.of(
                CircuitFixtures.head(0, CircuitFixtures.constant(5, 0.13), 0, 0, 0, 1, CircuitFixtures.ov(5, 3.45)),
                CircuitFixtures.head(1, CircuitFixtures.constant(5, -0.13), 0, 0, 0, 1, CircuitFixtures.ov(5, -3.4)),
                CircuitFixtures.head(2, CircuitFixtures.constant(5, 0.01), 0.1, 0, 0, 1, CircuitFixtures.ov(5, 0.5)));
        PatternResult p = new PatternMetrics(PatternSettings.defaults()).measure(heads);
        List<Ablation.Case> set = Ablation.standardSet(p);
        assertEquals(List.of("zero head 0", "zero head 1", "zero head 2", "keep heads [0, 1]", "keep heads [0]",
                "keep heads [1]"), set.stream().map(Ablation.Case::label).toList());
        assertEquals(List.of(new HeadIntervention.Zero(0, 2)), set.get(3).interventions());
        assertEquals(List.of(new HeadIntervention.Zero(0, 1), new HeadIntervention.Zero(0, 2)),
                set.get(4).interventions());
        assertEquals(List.of(new HeadIntervention.Zero(0, 0)), set.get(0).interventions());
    }
}
