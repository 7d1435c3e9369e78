package org.icldynamics.model;

import java.util.Arrays;
import org.icldynamics.data.PromptBatch;

/**
 * Shared pieces of the attention kernels: shape checks, token extraction, and the head-as-lane packed layouts
 * ({@code [groups, D, d, lanes]} for key-query, {@code [groups, outputs, D, lanes]} for value-output; padded heads
 * are zero). Conventions (attended tokens, linear normalisation) are those of {@link ReferenceAttentionKernel}.
 */
final class KernelPacking {
    private KernelPacking() {
    }

    /** Context tokens plus the query when it attends to itself. */
    static int attendedCount(KernelShape shape, int n) {
        return shape.queryAttention() == OneLayerAttention.QueryAttention.INCLUDED ? n + 1 : n;
    }

    /** Multiplier of linear scores: {@code 1/n} for BY_CONTEXT_LENGTH with {@code n > 0}, else 1. */
    static double linearScale(KernelShape shape, int n) {
        return shape.normalisation() == OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH && n > 0 ? 1.0 / n : 1.0;
    }

    static void checkShapes(KernelShape shape, PromptBatch batch, double[] kq, double[] ov) {
        int dd = shape.tokenWidth();
        if (batch.d != shape.d() || batch.outputs != shape.outputs()) {
            throw new IllegalArgumentException("batch has d=" + batch.d + " outputs=" + batch.outputs
                    + " but the kernel expects d=" + shape.d() + " outputs=" + shape.outputs());
        }
        if (kq.length != shape.heads() * dd * dd || ov.length != shape.heads() * shape.outputs() * dd) {
            throw new IllegalArgumentException("circuit arrays have lengths " + kq.length + ", " + ov.length
                    + "; expected [h, D, D] and [h, outputs, D] with h=" + shape.heads() + " D=" + dd);
        }
    }

    static void checkOut(KernelShape shape, PromptBatch batch, double[] out) {
        if (out.length != batch.b * shape.outputs()) {
            throw new IllegalArgumentException("out has length " + out.length + ", expected "
                    + batch.b * shape.outputs());
        }
    }

    /**
     * Residuals of prompt p: adds {@code sum_c r_c^2} to {@code sse}, with {@code r = yhat - y_q}, in output order.
     *
     * @param yhat {@code [outputs]} predictions, not modified
     * @param g {@code [outputs]}, overwritten with {@code dL/dyhat = 2 r}
     * @param out {@code [b, outputs]} or null; row p overwritten with {@code yhat}
     * @return {@code sse + sum_c r_c^2}
     */
    static double addResiduals(PromptBatch batch, int p, double[] yhat, double[] g, double[] out, double sse) {
        int outs = batch.outputs;
        for (int c = 0; c < outs; c++) { // [outputs] residuals
            double r = yhat[c] - batch.yq[p * outs + c];
            sse += r * r;
            g[c] = 2.0 * r;
            if (out != null) {
                out[p * outs + c] = yhat[c];
            }
        }
        return sse;
    }

    /**
     * @param kq {@code [h, D, D]}, not modified
     * @return {@code [groups, D, d, lanes]}: entry (key i, query j) of head {@code g*lanes+lane}, zero for padding
     */
    static double[] packKq(KernelShape shape, double[] kq, int lanes) {
        int d = shape.d();
        int dd = shape.tokenWidth();
        int groups = (shape.heads() + lanes - 1) / lanes;
        double[] t = new double[groups * dd * d * lanes];
        for (int h = 0; h < shape.heads(); h++) { // [h, D, d]
            int base = (h / lanes) * dd * d * lanes + h % lanes;
            for (int i = 0; i < dd; i++) {
                for (int j = 0; j < d; j++) {
                    t[base + (i * d + j) * lanes] = kq[(h * dd + i) * dd + j];
                }
            }
        }
        return t;
    }

    /**
     * @param ov {@code [h, outputs, D]}, not modified
     * @return {@code [groups, outputs, D, lanes]}, zero for padding
     */
    static double[] packOv(KernelShape shape, double[] ov, int lanes) {
        int o = shape.outputs();
        int dd = shape.tokenWidth();
        int groups = (shape.heads() + lanes - 1) / lanes;
        double[] t = new double[groups * o * dd * lanes];
        for (int h = 0; h < shape.heads(); h++) { // [h, outputs, D]
            int base = (h / lanes) * o * dd * lanes + h % lanes;
            for (int k = 0; k < o * dd; k++) {
                t[base + k * lanes] = ov[h * o * dd + k];
            }
        }
        return t;
    }

    /**
     * @param packed {@code [groups, D, d, lanes]}, not modified
     * @param gkq {@code [h, D, D]}, overwritten (query label columns get 0)
     */
    static void unpackKq(KernelShape shape, double[] packed, int lanes, double[] gkq) {
        int d = shape.d();
        int dd = shape.tokenWidth();
        Arrays.fill(gkq, 0.0);
        for (int h = 0; h < shape.heads(); h++) { // [h, D, d]
            int base = (h / lanes) * dd * d * lanes + h % lanes;
            for (int i = 0; i < dd; i++) {
                for (int j = 0; j < d; j++) {
                    gkq[(h * dd + i) * dd + j] = packed[base + (i * d + j) * lanes];
                }
            }
        }
    }

    /**
     * @param packed {@code [groups, outputs, D, lanes]}, not modified
     * @param gov {@code [h, outputs, D]}, overwritten
     */
    static void unpackOv(KernelShape shape, double[] packed, int lanes, double[] gov) {
        int o = shape.outputs();
        int dd = shape.tokenWidth();
        for (int h = 0; h < shape.heads(); h++) { // [h, outputs, D]
            int base = (h / lanes) * o * dd * lanes + h % lanes;
            for (int k = 0; k < o * dd; k++) {
                gov[h * o * dd + k] = packed[base + k * lanes];
            }
        }
    }

    /** Float copy of a packed array. */
    static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
