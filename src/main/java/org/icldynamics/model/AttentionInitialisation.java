package org.icldynamics.model;

import java.util.SplittableRandom;
import org.icldynamics.data.Normals;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.model.OneLayerAttention.KeyQuery;
import org.icldynamics.model.OneLayerAttention.ValueOutput;

/**
 * Draws the initial parameters of a {@link OneLayerAttention} (the meaning of every {@link Init} value is in its
 * javadoc). Head h's parts read {@code streams.stream("init", h, part)} with part 0 = {@code kq} or {@code key},
 * 1 = {@code query}, 2 = {@code ov} or {@code value}, 3 = {@code output}. Entries that the {@code Trainable} setting
 * fixes are set to zero after the draw.
 */
final class AttentionInitialisation {
    private AttentionInitialisation() {
    }

    /**
     * @param params {@code [layout.size()]}, overwritten
     */
    static void fill(Init init, double scale, AttentionParameters layout, int d, int outputs,
                     RandomStreams streams, double[] params) {
        int width = d + outputs;
        int heads = layout.heads();
        int rank = layout.rank();
        for (int h = 0; h < heads; h++) {
            int p = layout.kqOffset(h);
            int v = layout.voOffset(h);
            SplittableRandom kqRng = streams.stream("init", h, 0);
            SplittableRandom qRng = streams.stream("init", h, 1);
            SplittableRandom voRng = streams.stream("init", h, 2);
            SplittableRandom outRng = streams.stream("init", h, 3);
            boolean mergedKq = layout.keyQuery() == KeyQuery.MERGED;
            boolean mergedVo = layout.valueOutput() == ValueOutput.MERGED;
            int kqRows = mergedKq ? width : rank;
            int q = p + rank * width;
            int out = v + width * width;
            switch (init) {
                case EQUIVALENT_TO -> throw new IllegalArgumentException("init equivalent-to is for the cubic-feature "
                        + "network (it copies an attention model's weights), not for attention itself");
                case GAUSSIAN -> {
                    gaussian(kqRng, params, p, kqRows * width, scale);
                    if (!mergedKq) {
                        gaussian(qRng, params, q, rank * width, scale);
                    }
                    gaussian(voRng, params, v, (mergedVo ? outputs : width) * width, scale);
                    if (!mergedVo) {
                        gaussian(outRng, params, out, outputs * width, scale);
                    }
                }
                case TORCH_UNIFORM -> {
                    double inner = 1.0 / Math.sqrt(width);
                    double outer = 1.0 / Math.sqrt((double) heads * width);
                    uniform(kqRng, params, p, kqRows * width, inner);
                    if (!mergedKq) {
                        uniform(qRng, params, q, rank * width, inner);
                    }
                    if (mergedVo) {
                        uniform(voRng, params, v, outputs * width, outer);
                    } else {
                        uniform(voRng, params, v, width * width, inner);
                        uniform(outRng, params, out, outputs * width, outer);
                    }
                }
                case LINEAR_PAPER -> {
                    if (mergedKq) {
                        gaussian(kqRng, params, p, width * width, scale);
                        zero(params, p, width, width, d, width, 0, d); // u_h: key y-rows, query x-columns
                    } else {
                        double std = scale / Math.sqrt((double) rank * width);
                        gaussian(kqRng, params, p, rank * width, std);
                        gaussian(qRng, params, q, rank * width, std);
                        zero(params, p, rank, width, 0, rank, d, width); // kappa: key y-columns
                    }
                    if (mergedVo) {
                        gaussian(voRng, params, v, outputs * width, scale);
                        zero(params, v, outputs, width, 0, outputs, 0, d); // v-vector: x-columns
                    } else {
                        gaussian(voRng, params, v, width * width, scale);
                        zero(params, v, width, width, 0, width, 0, d); // value x-columns
                        gaussian(outRng, params, out, outputs * width, scale);
                    }
                }
                case IDENTITY, IDENTITY_INCLINED -> {
                    int inclined = init == Init.IDENTITY_INCLINED ? h % outputs : -1;
                    identity(params, layout, h, d, outputs, scale, inclined);
                }
            }
        }
        double[] mask = layout.mask();
        for (int i = 0; i < params.length; i++) {
            if (mask[i] == 0.0) {
                params[i] = 0.0;
            }
        }
    }

    /** Small identity key-query and y-entries of the value-output; output {@code inclined} (or -1) is doubled. */
    private static void identity(double[] params, AttentionParameters layout, int h, int d, int outputs,
                                 double scale, int inclined) {
        int width = d + outputs;
        int p = layout.kqOffset(h);
        int v = layout.voOffset(h);
        double root = Math.sqrt(scale);
        if (layout.keyQuery() == KeyQuery.MERGED) {
            for (int i = 0; i < width; i++) { // [D, D] = scale I
                params[p + i * width + i] = scale;
            }
        } else {
            int q = p + layout.rank() * width;
            for (int r = 0; r < layout.rank(); r++) { // [R, D] = sqrt(scale) I_{R x D}, K^T Q = scale diag(I_R, 0)
                params[p + r * width + r] = root;
                params[q + r * width + r] = root;
            }
        }
        for (int c = 0; c < outputs; c++) {
            double factor = c == inclined ? 2.0 : 1.0;
            if (layout.valueOutput() == ValueOutput.MERGED) { // [outputs, D]: OV[c, d + c]
                params[v + c * width + d + c] = factor * factor * scale;
            } else { // V[d + c, d + c] and O[c, d + c]
                params[v + (d + c) * width + d + c] = factor * root;
                params[v + width * width + c * width + d + c] = factor * root;
            }
        }
    }

    /** @param params overwritten at {@code [offset, offset + count)} with N(0, std^2) draws */
    private static void gaussian(SplittableRandom rng, double[] params, int offset, int count, double std) {
        Normals.fill(rng, params, offset, count);
        for (int i = 0; i < count; i++) {
            params[offset + i] *= std;
        }
    }

    /** @param params overwritten at {@code [offset, offset + count)} with U(-bound, bound) draws */
    private static void uniform(SplittableRandom rng, double[] params, int offset, int count, double bound) {
        for (int i = 0; i < count; i++) {
            params[offset + i] = bound * (2.0 * rng.nextDouble() - 1.0);
        }
    }

    /** Zeroes rows {@code [r0, r1)} x columns {@code [c0, c1)} of the {@code [rows, cols]} block at offset. */
    private static void zero(double[] params, int offset, int rows, int cols, int r0, int r1, int c0, int c1) {
        for (int i = r0; i < Math.min(r1, rows); i++) { // [rows, cols]
            for (int j = c0; j < c1; j++) {
                params[offset + i * cols + j] = 0.0;
            }
        }
    }
}
