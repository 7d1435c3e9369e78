package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written backward pass against central finite differences, every parameter of every block. */
class TransformerGradientTest {
    /**
     * Step of the central difference. 1e-5 left a truncation error of ~2e-7 (O(H^2)) on embed.bias with pre-LN and
     * every prefix scored: a y token with a small label embeds to a short row, whose LayerNorm is strongly curved in
     * the bias direction. At H / 4 the truncation is 16x smaller and rounding stays near eps * loss / H ~ 1e-10.
     */
    private static final double H = 2.5e-6;
    private static final double ATOL = 1e-8;
    private static final double RTOL = 1e-5;

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @CsvSource({
        "PAIR, SOFTMAX, GELU, PRE",
        "PAIR, SOFTMAX, NONE, PRE",
        "PAIR, LINEAR, NONE, NONE",
        "PAIR, LINEAR, GELU, POST",
        "INTERLEAVED, SOFTMAX, GELU, PRE",
        "INTERLEAVED, LINEAR, NONE, NONE",
        "INTERLEAVED, SOFTMAX, GELU, POST",
        "INTERLEAVED, LINEAR, GELU, PRE",
    })
    void backwardMatchesCentralDifferencesForEveryBlock(TokenLayout layout, OneLayerAttention.Scores scores,
                                                       Transformer.Activation mlp, Transformer.Norm norm) {
        Transformer.Spec spec = new Transformer.Spec(2, 2, 6, 3, scores,
                OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, mlp, 5, norm, layout, 1.0,
                LossConvention.MSE);
        checkEveryParameter(spec, java.util.List.of());
    }

    @ParameterizedTest(name = "all prefixes {0} {1} {2}")
    @CsvSource({
        "SOFTMAX, GELU, PRE",
        "SOFTMAX, RELU, POST",
        "LINEAR, NONE, NONE",
        "LINEAR, GELU, PRE",
    })
    void backwardMatchesCentralDifferencesWhenEveryPrefixIsScored(OneLayerAttention.Scores scores,
                                                                  Transformer.Activation mlp, Transformer.Norm norm) {
        Transformer.Spec spec = new Transformer.Spec(2, 2, 6, 3, scores,
                OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, mlp, 5, norm, TokenLayout.INTERLEAVED,
                1.0, LossConvention.MSE, Transformer.LossPositions.ALL_PREFIXES);
        checkEveryParameter(spec, java.util.List.of());
        checkEveryParameter(spec, HeadEdits.of(new double[][] {{1, 0.5}, {0, 1}}));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PAIR", "INTERLEAVED"})
    void backwardMatchesCentralDifferencesWithAPartialHeadMask(TokenLayout layout) {
        Transformer.Spec spec = new Transformer.Spec(2, 3, 6, 2, OneLayerAttention.Scores.SOFTMAX,
                OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, Transformer.Activation.GELU, 0,
                Transformer.Norm.PRE, layout, 1.0, LossConvention.HALF_MSE);
        checkEveryParameter(spec, HeadEdits.of(new double[][] {{1, 0, 0.5}, {0, 1, 1}}));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PAIR, QUERY", "INTERLEAVED, QUERY", "INTERLEAVED, ALL_PREFIXES"})
    void backwardMatchesCentralDifferencesWithAMeanAblationFill(TokenLayout layout,
                                                                Transformer.LossPositions positions) {
        Transformer.Spec spec = new Transformer.Spec(2, 3, 6, 2, OneLayerAttention.Scores.SOFTMAX,
                OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, Transformer.Activation.GELU, 0,
                Transformer.Norm.PRE, layout, 1.0, LossConvention.MSE, positions);
        int tokens = layout.tokens(4);
        double[][][] fill = new double[2][3][tokens * 2];
        java.util.SplittableRandom rng = new RandomStreams(17).stream("fill");
        for (double[][] layer : fill) {
            for (double[] head : layer) {
                for (int i = 0; i < head.length; i++) {
                    head[i] = rng.nextGaussian();
                }
            }
        }
        checkEveryParameter(spec, HeadEdits.of(new double[][] {{1, 0, 0.5}, {0, 1, 0.25}}, fill));
    }

    private static void checkEveryParameter(Transformer.Spec spec, java.util.List<HeadIntervention> mask) {
        int d = 3;
        int n = 4;
        Transformer model = spec.build(d, 1, n, new RandomStreams(7), BlockParallel.serial());
        PromptBatch batch = new PromptSampler(new SparseRegressionTask(SparseRegressionTask.Spec.of(d, 2, n, 0.1)),
                new RandomStreams(3), "fd").sample(0, 3);
        double[] p = model.parameters();
        double[] grad = new double[p.length];
        model.lossAndGradient(batch, mask, grad);
        double[] sink = new double[p.length];
        StringBuilder failures = new StringBuilder();
        double maxErr = 0;
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + H;
            double up = model.lossAndGradient(batch, mask, sink);
            p[i] = keep - H;
            double down = model.lossAndGradient(batch, mask, sink);
            p[i] = keep;
            double fd = (up - down) / (2 * H);
            double err = Math.abs(grad[i] - fd);
            maxErr = Math.max(maxErr, err);
            if (err > ATOL + RTOL * Math.abs(fd)) {
                ParameterBlock b = model.blockOf(i);
                failures.append(b.name()).append('[').append(i - b.offset()).append("] analytic ").append(grad[i])
                        .append(" fd ").append(fd).append('\n');
            }
        }
        assertTrue(failures.isEmpty(), "gradient mismatches (max err " + maxErr + "):\n" + failures);
    }
}
