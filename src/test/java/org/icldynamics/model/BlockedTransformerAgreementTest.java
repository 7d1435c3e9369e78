package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The blocked GEMM kernel computes the same function as the per-row reference: loss, every gradient entry,
 * predictions and per-layer query states agree to rounding (1e-12 relative) on a batch spanning several blocks with a
 * partial last block, widths that are not multiples of the lane count, and a partial head mask; and the blocked
 * kernel is bit identical on one and two threads.
 */
class BlockedTransformerAgreementTest {
    private static final double RTOL = 1e-11;

    @ParameterizedTest(name = "{0} {1} {2} {3} {4}")
    @CsvSource({
        "PAIR, SOFTMAX, GELU, PRE, QUERY",
        "PAIR, LINEAR, NONE, NONE, QUERY",
        "PAIR, SOFTMAX, RELU, POST, QUERY",
        "INTERLEAVED, SOFTMAX, GELU, PRE, QUERY",
        "INTERLEAVED, LINEAR, GELU, NONE, QUERY",
        "INTERLEAVED, LINEAR, NONE, POST, QUERY",
        "INTERLEAVED, SOFTMAX, GELU, PRE, ALL_PREFIXES",
        "INTERLEAVED, LINEAR, NONE, NONE, ALL_PREFIXES",
        "INTERLEAVED, SOFTMAX, RELU, POST, ALL_PREFIXES",
    })
    void blockedKernelAgreesWithTheReferenceOnLossGradientPredictionsAndStates(
            TokenLayout layout, OneLayerAttention.Scores scores, Transformer.Activation mlp, Transformer.Norm norm,
            Transformer.LossPositions positions) {
        Transformer.Spec spec = new Transformer.Spec(3, 3, 10, 5, scores,
                OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, mlp, 9, norm, layout, 1.0,
                LossConvention.MSE, positions);
        int d = 5;
        int n = 7;
        PromptBatch batch = new PromptSampler(new SparseRegressionTask(SparseRegressionTask.Spec.of(d, 2, n, 0.1)),
                new RandomStreams(3), "agree").sample(0, 2 * Transformer.PROMPTS_PER_PASS + 5);
        double[][] gates = {{1, 1, 1}, {1, 0, 0.5}, {0.25, 1, 0}};
        List<HeadIntervention> mask = HeadEdits.of(gates);
        Transformer ref = spec.build(d, 1, n, new RandomStreams(11), BlockParallel.serial(), Transformer.Kernel.REFERENCE);
        List<HeadIntervention> meanMask = HeadEdits.of(gates, ref.headOutputMeans(batch));
        for (List<HeadIntervention> m : List.of(List.<HeadIntervention>of(), mask, meanMask)) {
            try (BlockParallel two = new BlockParallel(2)) {
                Transformer fast = spec.build(d, 1, n, new RandomStreams(11), BlockParallel.serial(),
                        Transformer.Kernel.BLOCKED);
                Transformer fast2 = spec.build(d, 1, n, new RandomStreams(11), two, Transformer.Kernel.BLOCKED);
                double[] gr = new double[ref.parameters().length];
                double[] gf = new double[gr.length];
                double[] gf2 = new double[gr.length];
                double lr = ref.lossAndGradient(batch, m, gr);
                double lf = fast.lossAndGradient(batch, m, gf);
                double lf2 = fast2.lossAndGradient(batch, m, gf2);
                assertClose(new double[] {lr}, new double[] {lf}, "loss");
                assertClose(gr, gf, "gradient");
                assertClose(ref.predict(batch, m), fast.predict(batch, m), "predictions");
                double[][] sr = ref.queryStates(batch, m);
                double[][] sf = fast.queryStates(batch, m);
                for (int l = 0; l < sr.length; l++) {
                    assertClose(sr[l], sf[l], "query state after layer " + l);
                }
                assertTrue(lf == lf2, "loss bit identical on 1 and 2 threads");
                assertArrayEquals(gf, gf2, 0.0, "gradient bit identical on 1 and 2 threads");
            }
        }
    }

    private static void assertClose(double[] expect, double[] actual, String what) {
        double scale = 0;
        for (double v : expect) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expect.length; i++) {
            double err = Math.abs(expect[i] - actual[i]);
            assertTrue(err <= 1e-14 + RTOL * scale, what + "[" + i + "]: reference " + expect[i] + " blocked "
                    + actual[i]);
        }
    }
}
