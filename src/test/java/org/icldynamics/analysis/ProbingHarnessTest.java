package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.HeadIntervention;
import org.icldynamics.model.LinearTransformerConstruction;
import org.icldynamics.model.Transformer;
import org.junit.jupiter.api.Test;

/**
 * The harness on the constructed preprocess-then-optimize stack, whose answers are known: layer 0 needs all its
 * heads, each later layer uses only head 0 (the others have zero weights). The GD step 0.05 keeps
 * {@code eta r_j^2 < 2} for every prompt drawn here (larger steps let rare prompts with a large {@code w_j} diverge).
 */
class ProbingHarnessTest {
    private static final int D = 4;
    private static final int STEPS = 3;
    private final Transformer model = LinearTransformerConstruction.build(D, STEPS, 0.05, 1.0, BlockParallel.serial());

    private static PromptBatch prompts(String name, int b) {
        return new PromptSampler(new SparseRegressionTask(SparseRegressionTask.Spec.of(D, 2, 40, 0.01)),
                new RandomStreams(23), name).sample(0, b);
    }

    @Test
    void constructedStackUsesEveryHeadInLayerZeroAndOneHeadLater() {
        HeadImportance.Result r = HeadImportance.measure(model, prompts("rank", 500),
                HeadImportance.Normalisation.SHARE_OF_LAYER);
        for (int h = 0; h < D; h++) {
            assertTrue(r.importance()[0][h] > 0.1, "layer 0 head " + h + " importance " + r.importance()[0][h]);
        }
        assertTrue(r.topShare(0) < 0.5, "layer 0 top share " + r.topShare(0));
        for (int l = 1; l <= STEPS; l++) {
            assertEquals(0, r.topHead(l));
            assertEquals(1.0, r.topShare(l), 0.0);
            for (int h = 1; h < D; h++) {
                assertEquals(r.baseRisk(), r.maskedRisk()[l][h], 0.0, "a zero-weight head changes nothing");
            }
        }
    }

    @Test
    void pruningTheConstructedStackKeepsItsRiskExactlyAndBeatsOneHeadInLayerZero() {
        HeadImportance.Result ranking = HeadImportance.measure(model, prompts("rank", 200),
                HeadImportance.Normalisation.SHARE_OF_LAYER);
        java.util.List<HeadIntervention> oneHead = new java.util.ArrayList<>();
        for (int l = 0; l <= STEPS; l++) {
            oneHead.addAll(HeadIntervention.keepOnly(l, D, java.util.List.of(0)));
        }
        Predictor single = new Predictor() {
            @Override
            public String name() {
                return "one-head";
            }

            @Override
            public double[] predict(PromptBatch batch) {
                return model.predict(batch, oneHead);
            }
        };
        Pruning.Result p = Pruning.compare(model, single, ranking, prompts("eval", 500));
        assertEquals(p.fullRisk(), p.prunedRisk(), 0.0);
        assertTrue(p.singleHeadRisk() > p.prunedRisk());
        assertTrue(p.prunedIn(0).isEmpty(), "layer 0 keeps every head");
        assertEquals(java.util.List.of(new HeadIntervention.Zero(1, 1), new HeadIntervention.Zero(1, 2),
                new HeadIntervention.Zero(1, 3)), p.prunedIn(1));
    }

    @Test
    void meanAblationGivesTheConstructedStacksSameAnswersAndPrunesItExactly() {
        double[][][] fill = model.headOutputMeans(prompts("mean", 300));
        HeadImportance.Result r = HeadImportance.measure(model, prompts("rank", 300),
                HeadImportance.Normalisation.SHARE_OF_LAYER, fill);
        assertTrue(r.topShare(0) < 0.5, "layer 0 top share " + r.topShare(0));
        for (int l = 1; l <= STEPS; l++) {
            assertEquals(0, r.topHead(l));
            for (int h = 1; h < D; h++) {
                assertEquals(r.baseRisk(), r.maskedRisk()[l][h], 0.0, "a zero-weight head's mean is zero too");
            }
        }
        Pruning.Result p = Pruning.compare(model, null, r, prompts("eval", 300), fill);
        assertEquals(p.fullRisk(), p.prunedRisk(), 0.0);
    }

    @Test
    void inSampleLastLayerProbeIsNoWorseThanTheModelsOwnReadout() {
        PromptBatch b = prompts("fit", 400);
        double[] risk = LayerProbe.measure(model, java.util.List.of(), b, b, LayerProbe.Target.SIGNAL, 0.0).risk();
        double own = ExcessRisk.of(model.predict(b), b);
        assertTrue(risk[STEPS + 1] <= own + 1e-12, "probe " + risk[STEPS + 1] + " model " + own);
    }

    @Test
    void heldOutProbeReadsTheOneStepEstimateFromThePreprocessedQuery() {
        // after layer 0 the query holds x~_q = r (.) x_q with r ~ w, so the fixed probe sum_j x~_qj = <r, x_q>
        // is available: the probe risk must fall far below the embedding's (about E[(w^T x_q)^2] = s = 2)
        double[] risk = LayerProbe.measure(model, java.util.List.of(), prompts("fit", 800), prompts("eval", 800),
                LayerProbe.Target.LABEL, 1e-8).risk();
        assertTrue(risk[0] > 1.5 && risk[1] < risk[0] / 4, java.util.Arrays.toString(risk));
    }
}
