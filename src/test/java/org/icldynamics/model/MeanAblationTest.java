package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mean-ablation ({@link HeadIntervention.MeanReplace} with {@link Transformer#headOutputMeans}): on a batch of copies
 * of one prompt every head's mean output is its own output, so mean-ablating any set of heads changes no prediction
 * (zero-ablation does); and a mean of zeros is zero-ablation exactly.
 */
class MeanAblationTest {
    private static final int D = 4;
    private static final int N = 6;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"PAIR, QUERY, BLOCKED", "INTERLEAVED, QUERY, REFERENCE", "INTERLEAVED, ALL_PREFIXES, BLOCKED",
        "PAIR, QUERY, REFERENCE"})
    void meanAblationOnCopiesOfOnePromptChangesNoPrediction(TokenLayout layout, Transformer.LossPositions positions,
                                                            Transformer.Kernel kernel) {
        Transformer model = spec(layout, positions).build(D, 1, N, new RandomStreams(4), BlockParallel.serial(),
                kernel);
        PromptBatch copies = TestPrompts.copiesOfFirst(sample(), 37);
        double[][] gates = {{0, 1, 1}, {1, 0, 0}, {0, 1, 0}};
        java.util.List<HeadIntervention> zero = HeadEdits.of(gates);
        java.util.List<HeadIntervention> mean = HeadEdits.of(gates, model.headOutputMeans(copies));
        double[] full = model.predict(copies);
        assertArrayEquals(full, model.predict(copies, mean), 1e-12);
        double diff = Math.abs(model.predict(copies, zero)[0] - full[0]);
        assertTrue(diff > 1e-6, "zero-ablation should change the prediction, changed by " + diff);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PAIR", "INTERLEAVED"})
    void aMeanOfZerosIsZeroAblation(TokenLayout layout) {
        Transformer model = spec(layout, Transformer.LossPositions.QUERY).build(D, 1, N, new RandomStreams(4),
                BlockParallel.serial());
        PromptBatch batch = sample();
        double[][] gates = {{1, 0, 0.5}, {0, 1, 1}, {1, 1, 0}};
        java.util.List<HeadIntervention> zero = HeadEdits.of(gates);
        java.util.List<HeadIntervention> filled = HeadEdits.of(gates, new double[3][3][layout.tokens(N) * 2]);
        assertArrayEquals(model.predict(batch, zero), model.predict(batch, filled), 0.0);
    }

    private static Transformer.Spec spec(TokenLayout layout, Transformer.LossPositions positions) {
        return new Transformer.Spec(3, 3, 8, 2, OneLayerAttention.Scores.SOFTMAX,
                OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, Transformer.Activation.GELU, 0,
                Transformer.Norm.PRE, layout, 1.0, LossConvention.MSE, positions);
    }

    private static PromptBatch sample() {
        return new PromptSampler(new SparseRegressionTask(SparseRegressionTask.Spec.of(D, 2, N, 0.1)),
                new RandomStreams(3), "mean").sample(0, 20);
    }
}
