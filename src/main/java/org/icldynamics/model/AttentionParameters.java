package org.icldynamics.model;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.model.OneLayerAttention.KeyQuery;
import org.icldynamics.model.OneLayerAttention.Trainable;
import org.icldynamics.model.OneLayerAttention.ValueOutput;

/**
 * The parameter layout of a {@link OneLayerAttention}: named blocks per head, the map from parameters to effective
 * circuits, the chain rule from circuit gradients back to parameters (once per batch), and the mask of trainable
 * entries.
 *
 * <p>Blocks, per head h in order: {@code head{h}.kq} [D, D] (KeyQuery MERGED, {@code KQ_h = t A_h}) or
 * {@code head{h}.key} [R, D] and {@code head{h}.query} [R, D] (SEPARATE, {@code KQ_h = t K_h^T Q_h}); then
 * {@code head{h}.ov} [outputs, D] (ValueOutput MERGED, {@code OV_h = M_h}) or {@code head{h}.value} [D, D] and
 * {@code head{h}.output} [outputs, D] (SEPARATE, {@code OV_h = O_h V_h}). {@code t} is the score multiplier.
 *
 * <p>Trainable REDUCED (linear paper A.7) keeps only these entries free, every other entry is fixed at zero: merged
 * kq: the x-block {@code [0,d) x [0,d)} (U_h); key and query: the x-columns {@code [0,d)}; merged ov: the y-columns
 * {@code [d,D)} (v_h); value: y-rows and y-columns {@code [d,D) x [d,D)}; output: the y-columns {@code [d,D)}.
 * With these zeros the prediction depends on the context only through {@code sum_l y_l x_l^T}.
 */
final class AttentionParameters {
    private final int heads;
    private final int d;
    private final int outputs;
    private final int width;
    private final int rank;
    private final double multiplier;
    private final KeyQuery keyQuery;
    private final ValueOutput valueOutput;
    private final List<ParameterBlock> blocks = new ArrayList<>();
    private final int[] kqOffset;
    private final int[] voOffset;
    private final double[] mask;
    private final int size;

    /**
     * @param multiplier score multiplier {@code t} folded into KQ (softmax temperature, 1 for linear scores)
     */
    AttentionParameters(int heads, int d, int outputs, KeyQuery keyQuery, int rank, ValueOutput valueOutput,
                        Trainable trainable, double multiplier) {
        this.heads = heads;
        this.d = d;
        this.outputs = outputs;
        this.width = d + outputs;
        this.rank = rank;
        this.multiplier = multiplier;
        this.keyQuery = keyQuery;
        this.valueOutput = valueOutput;
        this.kqOffset = new int[heads];
        this.voOffset = new int[heads];
        int offset = 0;
        for (int h = 0; h < heads; h++) {
            kqOffset[h] = offset;
            if (keyQuery == KeyQuery.MERGED) {
                offset = add("head" + h + ".kq", offset, width, width);
            } else {
                offset = add("head" + h + ".key", offset, rank, width);
                offset = add("head" + h + ".query", offset, rank, width);
            }
            voOffset[h] = offset;
            if (valueOutput == ValueOutput.MERGED) {
                offset = add("head" + h + ".ov", offset, outputs, width);
            } else {
                offset = add("head" + h + ".value", offset, width, width);
                offset = add("head" + h + ".output", offset, outputs, width);
            }
        }
        this.size = offset;
        this.mask = buildMask(trainable);
    }

    private int add(String name, int offset, int rows, int cols) {
        blocks.add(new ParameterBlock(name, offset, new int[] {rows, cols}));
        return offset + rows * cols;
    }

    private double[] buildMask(Trainable trainable) {
        double[] m = new double[size];
        boolean all = trainable == Trainable.ALL;
        for (int h = 0; h < heads; h++) {
            int p = kqOffset[h];
            if (keyQuery == KeyQuery.MERGED) {
                maskBlock(m, p, width, width, (i, j) -> all || (i < d && j < d));
            } else {
                maskBlock(m, p, 2 * rank, width, (i, j) -> all || j < d); // key and query rows
            }
            int v = voOffset[h];
            if (valueOutput == ValueOutput.MERGED) {
                maskBlock(m, v, outputs, width, (i, j) -> all || j >= d);
            } else {
                maskBlock(m, v, width, width, (i, j) -> all || (i >= d && j >= d));
                maskBlock(m, v + width * width, outputs, width, (i, j) -> all || j >= d);
            }
        }
        return m;
    }

    private interface EntryRule {
        boolean free(int row, int col);
    }

    /** @param m overwritten in {@code [offset, offset + rows * cols)} with 1 (free) or 0 (fixed) */
    private static void maskBlock(double[] m, int offset, int rows, int cols, EntryRule rule) {
        for (int i = 0; i < rows; i++) { // [rows, cols]
            for (int j = 0; j < cols; j++) {
                m[offset + i * cols + j] = rule.free(i, j) ? 1.0 : 0.0;
            }
        }
    }

    /** Offset of head h's key-query parameters ({@code kq}, or {@code key} followed by {@code query}). */
    int kqOffset(int h) {
        return kqOffset[h];
    }

    /** Offset of head h's value-output parameters ({@code ov}, or {@code value} followed by {@code output}). */
    int voOffset(int h) {
        return voOffset[h];
    }

    int heads() {
        return heads;
    }

    int rank() {
        return rank;
    }

    KeyQuery keyQuery() {
        return keyQuery;
    }

    ValueOutput valueOutput() {
        return valueOutput;
    }

    List<ParameterBlock> blocks() {
        return List.copyOf(blocks);
    }

    int size() {
        return size;
    }

    /** 1 for a trainable entry, 0 for an entry fixed at zero; {@code [size]}, do not modify. */
    double[] mask() {
        return mask;
    }

    /**
     * @param params {@code [size]}, not modified
     * @param kq {@code [h, D, D]}, overwritten with {@code KQ_h}
     * @param ov {@code [h, outputs, D]}, overwritten with {@code OV_h}
     */
    void toCircuits(double[] params, double[] kq, double[] ov) {
        for (int h = 0; h < heads; h++) {
            int c = h * width * width;
            int p = kqOffset[h];
            if (keyQuery == KeyQuery.MERGED) {
                for (int i = 0; i < width * width; i++) { // [D, D]
                    kq[c + i] = multiplier * params[p + i];
                }
            } else {
                int q = p + rank * width;
                for (int i = 0; i < width; i++) { // [D, D] = t K^T Q
                    for (int j = 0; j < width; j++) {
                        double s = 0.0;
                        for (int r = 0; r < rank; r++) {
                            s += params[p + r * width + i] * params[q + r * width + j];
                        }
                        kq[c + i * width + j] = multiplier * s;
                    }
                }
            }
            int o = h * outputs * width;
            int v = voOffset[h];
            if (valueOutput == ValueOutput.MERGED) {
                System.arraycopy(params, v, ov, o, outputs * width);
            } else {
                int out = v + width * width;
                for (int a = 0; a < outputs; a++) { // [outputs, D] = O V
                    for (int j = 0; j < width; j++) {
                        double s = 0.0;
                        for (int k = 0; k < width; k++) {
                            s += params[out + a * width + k] * params[v + k * width + j];
                        }
                        ov[o + a * width + j] = s;
                    }
                }
            }
        }
    }

    /**
     * Chains circuit gradients back to the parameters and zeroes the fixed entries.
     *
     * @param params {@code [size]}, not modified
     * @param gkq {@code [h, D, D]} gradient with respect to {@code KQ_h}, not modified
     * @param gov {@code [h, outputs, D]} gradient with respect to {@code OV_h}, not modified
     * @param scale factor applied to every gradient entry
     * @param grad {@code [size]}, overwritten
     */
    void chainBack(double[] params, double[] gkq, double[] gov, double scale, double[] grad) {
        for (int h = 0; h < heads; h++) {
            int c = h * width * width;
            int p = kqOffset[h];
            if (keyQuery == KeyQuery.MERGED) {
                for (int i = 0; i < width * width; i++) { // [D, D]
                    grad[p + i] = scale * multiplier * gkq[c + i];
                }
            } else {
                int q = p + rank * width;
                for (int r = 0; r < rank; r++) { // [R, D]: dK = t Q G^T, dQ = t K G
                    for (int i = 0; i < width; i++) {
                        double sk = 0.0;
                        double sq = 0.0;
                        for (int j = 0; j < width; j++) {
                            sk += params[q + r * width + j] * gkq[c + i * width + j];
                            sq += params[p + r * width + j] * gkq[c + j * width + i];
                        }
                        grad[p + r * width + i] = scale * multiplier * sk;
                        grad[q + r * width + i] = scale * multiplier * sq;
                    }
                }
            }
            int o = h * outputs * width;
            int v = voOffset[h];
            if (valueOutput == ValueOutput.MERGED) {
                for (int i = 0; i < outputs * width; i++) { // [outputs, D]
                    grad[v + i] = scale * gov[o + i];
                }
            } else {
                int out = v + width * width;
                for (int k = 0; k < width; k++) { // [D, D]: dV = O^T G
                    for (int j = 0; j < width; j++) {
                        double s = 0.0;
                        for (int a = 0; a < outputs; a++) {
                            s += params[out + a * width + k] * gov[o + a * width + j];
                        }
                        grad[v + k * width + j] = scale * s;
                    }
                }
                for (int a = 0; a < outputs; a++) { // [outputs, D]: dO = G V^T
                    for (int k = 0; k < width; k++) {
                        double s = 0.0;
                        for (int j = 0; j < width; j++) {
                            s += gov[o + a * width + j] * params[v + k * width + j];
                        }
                        grad[out + a * width + k] = scale * s;
                    }
                }
            }
        }
        for (int i = 0; i < size; i++) {
            if (mask[i] == 0.0) {
                grad[i] = 0.0;
            }
        }
    }
}
