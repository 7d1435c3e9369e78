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
 * Mean-ablation ({@link HeadMask#withFill} with {@link Transformer#headOutputMeans}): on a batch of copies of one
 * prompt every head's mean output is its own output, so mean-ablating any set of heads changes no prediction (zero-
 * ablation does); and a fill of zeros is zero-ablation exactly.
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
        PromptBatch copies = copiesOfFirst(sample(), 37);
        HeadMask zero = new HeadMask(new double[][] {{0, 1, 1}, {1, 0, 0}, {0, 1, 0}});
        HeadMask mean = zero.withFill(model.headOutputMeans(copies));
        double[] full = model.predict(copies);
        assertArrayEquals(full, model.predict(copies, mean), 1e-12);
        double diff = Math.abs(model.predict(copies, zero)[0] - full[0]);
        assertTrue(diff > 1e-6, "zero-ablation should change the prediction, changed by " + diff);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PAIR", "INTERLEAVED"})
    void aFillOfZerosIsZeroAblation(TokenLayout layout) {
        Transformer model = spec(layout, Transformer.LossPositions.QUERY).build(D, 1, N, new RandomStreams(4),
                BlockParallel.serial());
        PromptBatch batch = sample();
        HeadMask zero = new HeadMask(new double[][] {{1, 0, 0.5}, {0, 1, 1}, {1, 1, 0}});
        HeadMask filled = zero.withFill(new double[3][3][layout.tokens(N) * 2]);
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

    private static PromptBatch copiesOfFirst(PromptBatch b, int copies) {
        PromptBatch c = new PromptBatch(copies, b.n, b.d, b.outputs);
        for (int p = 0; p < copies; p++) {
            System.arraycopy(b.x, 0, c.x, p * b.n * b.d, b.n * b.d);
            System.arraycopy(b.y, 0, c.y, p * b.n * b.outputs, b.n * b.outputs);
            System.arraycopy(b.xq, 0, c.xq, p * b.d, b.d);
            System.arraycopy(b.yq, 0, c.yq, p * b.outputs, b.outputs);
        }
        return c;
    }
}
