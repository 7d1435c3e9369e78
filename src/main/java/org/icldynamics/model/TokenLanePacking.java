package org.icldynamics.model;

import java.util.Arrays;

/**
 * The parameter layouts of the token-lane kernels ({@link TokenLaneAttentionKernel}, {@link
 * TokenLaneFloatAttentionKernel}): key-query transposed to {@code [d, h, Dp]}, only its query x-columns (row j holds
 * every head, so one fixed-order combination of the d rows gives every head's {@code KQ_h z_q}), and value-output
 * rows padded to {@code [h, outputs, Dp]}; {@code Dp} is the token width rounded up to whole vectors of the kernel.
 *
 * @param rowStride {@code Dp}
 */
record TokenLanePacking(int heads, int d, int outputs, int rowStride) {
    /** The layouts of {@code shape} with token rows padded to whole vectors of {@code lanes}. */
    static TokenLanePacking of(KernelShape shape, int lanes) {
        return new TokenLanePacking(shape.heads(), shape.d(), shape.outputs(), roundUp(shape.tokenWidth(), lanes));
    }

    /** {@code k} rounded up to whole vectors of {@code lanes}. */
    static int roundUp(int k, int lanes) {
        return (k + lanes - 1) / lanes * lanes;
    }

    private int width() {
        return d + outputs;
    }

    /**
     * @param kq {@code [h, D, D]}, not modified
     * @return {@code [d, h, Dp]}: {@code KQ_h[i, j]} at {@code (j, h, i)}, zero padding
     */
    double[] keyQuery(double[] kq) {
        int dd = width();
        double[] t = new double[d * heads * rowStride];
        for (int h = 0; h < heads; h++) { // [h, d, D]
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < dd; i++) {
                    t[(j * heads + h) * rowStride + i] = kq[(h * dd + i) * dd + j];
                }
            }
        }
        return t;
    }

    /**
     * @param ov {@code [h, outputs, D]}, not modified
     * @return {@code [h, outputs, Dp]}, zero padding
     */
    double[] valueOutput(double[] ov) {
        int dd = width();
        double[] t = new double[heads * outputs * rowStride];
        for (int r = 0; r < heads * outputs; r++) { // [h, outputs]
            System.arraycopy(ov, r * dd, t, r * rowStride, dd);
        }
        return t;
    }

    /**
     * The gradients in the models' layouts: {@code gkq [h, D, D]} from {@code acc [d, h, Dp]} (the query's label
     * columns 0: they never score), {@code gov [h, outputs, D]} from {@code accOv [h, outputs, Dp]}.
     */
    void unpack(double[] acc, double[] accOv, double[] gkq, double[] gov) {
        int dd = width();
        Arrays.fill(gkq, 0.0);
        for (int h = 0; h < heads; h++) { // [d, h, Dp] -> [h, D, D]
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < dd; i++) {
                    gkq[(h * dd + i) * dd + j] = acc[(j * heads + h) * rowStride + i];
                }
            }
        }
        for (int r = 0; r < heads * outputs; r++) { // [h, outputs, Dp] -> [h, outputs, D]
            System.arraycopy(accOv, r * rowStride, gov, r * dd, dd);
        }
    }
}
