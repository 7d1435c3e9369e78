package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransformerMaskAndDeterminismTest {
    private static PromptBatch batch(int d, int n, int b) {
        return new PromptSampler(new SparseRegressionTask(SparseRegressionTask.Spec.of(d, 2, n, 0.1)),
                new RandomStreams(5), "mask").sample(0, b);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PAIR", "INTERLEAVED"})
    void maskingAHeadEqualsZeroingItsOutputWeightsAndLeavesTheWeightsUntouched(TokenLayout layout) {
        Transformer.Spec spec = new Transformer.Spec(3, 4, 8, 0, OneLayerAttention.Scores.SOFTMAX,
                OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, Transformer.Activation.GELU, 0,
                Transformer.Norm.PRE, layout, 1.0, LossConvention.MSE);
        Transformer model = spec.build(4, 1, 6, new RandomStreams(1), BlockParallel.serial());
        PromptBatch b = batch(4, 6, 20);
        double[] before = model.parameters().clone();
        double[] masked = model.predict(b, List.of(new HeadIntervention.Zero(1, 2)));
        assertArrayEquals(before, model.parameters(), 0.0);
        double[] full = model.predict(b);
        Transformer edited = spec.build(4, 1, 6, new RandomStreams(1), BlockParallel.serial());
        int o = edited.offset("layer1.head2.o");
        java.util.Arrays.fill(edited.parameters(), o, o + 2 * 8, 0.0);
        assertArrayEquals(edited.predict(b), masked, 1e-14);
        double diff = 0;
        for (int p = 0; p < b.b; p++) {
            diff = Math.max(diff, Math.abs(full[p] - masked[p]));
        }
        assertTrue(diff > 1e-6, "masking a head must change the prediction");
    }

    @Test
    void maskingHeadJOfTheConstructedPreprocessingLayerDropsCoordinateJ() {
        // hand-computed: with head j of layer 0 masked, x~_j = 0, so one GD step predicts
        // eta (1/n) sum_i y_i sum_{k != j} c^2 r_k^2 x_ik x_qk
        int d = 3;
        int n = 5;
        double eta = 0.5;
        double c = 2.0;
        PromptBatch b = batch(d, n, 4);
        Transformer t = LinearTransformerConstruction.build(d, 1, eta, c, BlockParallel.serial());
        double[] got = t.predict(b, List.of(new HeadIntervention.Zero(0, 1)));
        for (int p = 0; p < b.b; p++) {
            double[] r = new double[d];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    r[k] += b.y[p * n + i] * b.x[b.xIndex(p, i) + k] / n;
                }
            }
            double want = 0;
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < d; k++) {
                    if (k != 1) {
                        want += eta / n * b.y[p * n + i] * c * c * r[k] * r[k] * b.x[b.xIndex(p, i) + k]
                                * b.xq[p * d + k];
                    }
                }
            }
            assertEquals(want, got[p], 1e-12 * Math.max(1, Math.abs(want)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PAIR", "INTERLEAVED"})
    void lossAndGradientAreBitIdenticalOnOneAndTwoThreads(TokenLayout layout) {
        Transformer.Spec spec = new Transformer.Spec(2, 2, 8, 0, OneLayerAttention.Scores.SOFTMAX,
                OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, Transformer.Activation.GELU, 0,
                Transformer.Norm.PRE, layout, 1.0, LossConvention.MSE);
        PromptBatch b = batch(4, 6, 200); // 4 blocks, the last one partial
        try (BlockParallel two = new BlockParallel(2)) {
            Transformer one = spec.build(4, 1, 6, new RandomStreams(9), BlockParallel.serial());
            Transformer par = spec.build(4, 1, 6, new RandomStreams(9), two);
            double[] g1 = new double[one.parameters().length];
            double[] g2 = new double[g1.length];
            double l1 = one.lossAndGradient(b, g1);
            double l2 = par.lossAndGradient(b, g2);
            assertEquals(Double.doubleToRawLongBits(l1), Double.doubleToRawLongBits(l2));
            for (int i = 0; i < g1.length; i++) {
                assertEquals(Double.doubleToRawLongBits(g1[i]), Double.doubleToRawLongBits(g2[i]), "entry " + i);
            }
        }
    }
}
