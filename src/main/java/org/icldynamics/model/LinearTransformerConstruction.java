package org.icldynamics.model;

import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * Explicit weights of a linear-attention-only {@link Transformer} (no MLP, no LayerNorm, pair tokens, scores divided
 * by n) that runs preprocess-then-optimize (spec sparse-multilayer.md B.4, our reconstruction with {@code g(r) = c r}):
 *
 * <ol>
 *   <li>Layer 0, {@code d} heads, head {@code j} with one active dimension: query and key read {@code x_j}, value
 *       reads {@code y}, output writes {@code c} times the result into slot {@code x~_j}. Every token gets
 *       {@code x~_j = c r_j x_j} with {@code r_j = (1/n) sum_i y_i x_ij}: one bilinear score per head, so the
 *       {@code d} coordinate-wise rescalings need {@code d} heads.</li>
 *   <li>Layers {@code 1..T}, one head each (the others zero): query and key read {@code x~}, value reads the label slot,
 *       output writes {@code -eta} times the result into the label slot. The label slot of context token i then holds
 *       the residual {@code y_i - <w_t, x~_i>} and the query's holds {@code -<w_t, x~_q>}, where {@code w_t} are GD
 *       iterates on {@code (1/2n) sum_i (<w, x~_i> - y_i)^2} from {@code w_0 = 0} (von Oswald et al.'s
 *       construction).</li>
 *   <li>Read-out: minus the query's label slot, {@code yhat = <w_T, x~_q>}.</li>
 * </ol>
 *
 * Residual layout, width {@code 2d + 1}: {@code [x (d) | y (1) | x~ (d)]}.
 */
public final class LinearTransformerConstruction {
    private LinearTransformerConstruction() {
    }

    /** The architecture the construction fills: {@code 1 + gdSteps} layers, {@code d} heads of width {@code d}. */
    public static Transformer.Spec spec(int d, int gdSteps) {
        return new Transformer.Spec(1 + gdSteps, d, 2 * d + 1, d, OneLayerAttention.Scores.LINEAR,
                OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, Transformer.Activation.NONE, 0,
                Transformer.Norm.NONE, TokenLayout.PAIR, 0.0, LossConvention.MSE);
    }

    /**
     * @param d input dimension (one output)
     * @param gdSteps number of GD layers T >= 0
     * @param eta GD step size
     * @param preprocessScale {@code c} in {@code g(r) = c r}
     */
    public static Transformer build(int d, int gdSteps, double eta, double preprocessScale, BlockParallel parallel) {
        if (d < 1 || gdSteps < 0) {
            throw new IllegalArgumentException("construction needs d >= 1 and gdSteps >= 0, got d=" + d
                    + " gdSteps=" + gdSteps);
        }
        Transformer t = spec(d, gdSteps).build(d, 1, 0, new RandomStreams(0), parallel);
        double[] p = t.parameters();
        java.util.Arrays.fill(p, 0.0);
        int w = 2 * d + 1;
        int ySlot = d;
        int e = t.offset("embed.weight"); // [d + 1, W]
        for (int j = 0; j <= d; j++) {
            p[e + j * w + j] = 1.0;
        }
        for (int j = 0; j < d; j++) { // layer 0, head j: [W, dk] and [dk, W]
            String h = "layer0.head" + j + ".";
            p[t.offset(h + "q") + j * d] = 1.0;
            p[t.offset(h + "k") + j * d] = 1.0;
            p[t.offset(h + "v") + ySlot * d] = 1.0;
            p[t.offset(h + "o") + (d + 1 + j)] = preprocessScale;
        }
        for (int l = 1; l <= gdSteps; l++) {
            String h = "layer" + l + ".head0.";
            for (int j = 0; j < d; j++) {
                p[t.offset(h + "q") + (d + 1 + j) * d + j] = 1.0;
                p[t.offset(h + "k") + (d + 1 + j) * d + j] = 1.0;
            }
            p[t.offset(h + "v") + ySlot * d] = 1.0;
            p[t.offset(h + "o") + ySlot] = -eta;
        }
        p[t.offset("readout.weight") + ySlot] = -1.0;
        return t;
    }
}
