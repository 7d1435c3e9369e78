package org.icldynamics.model;

import java.util.Arrays;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * The plain reference {@link AttentionKernel}: loops that read like the formulas, in double precision. Fast kernels
 * are tested against it.
 *
 * <p>Per prompt, with tokens {@code z_l = (x_l ; y_l)} and query {@code z_q = (x_q ; 0)}, for each head h:
 * <ul>
 *   <li>attended tokens: the {@code n} context tokens, plus {@code z_q} itself when {@code QueryAttention.INCLUDED};</li>
 *   <li>scores {@code s_l = z_l^T KQ_h z_q};</li>
 *   <li>weights: SOFTMAX {@code a = softmax(s)} (max subtracted first); LINEAR with normalisation NONE {@code a = s};
 *       LINEAR with BY_CONTEXT_LENGTH {@code a = s / n}, n = number of context tokens (the query never counts);</li>
 *   <li>head output {@code OV_h sum_l a_l z_l}; prediction {@code yhat = sum_h OV_h sum_l a_l z_l}.</li>
 * </ul>
 *
 * <p>Edge cases (defined here): with no attended token at all (n = 0 and the query excluded) the head output is the
 * empty sum 0, for softmax as for linear scores, so the prediction is 0 and the gradient is 0. For linear scores
 * with BY_CONTEXT_LENGTH and n = 0 the normaliser is 1 (there is nothing to average over, only the query itself
 * when it is included).
 *
 * <p>Backward: with {@code r = yhat - y_q}, {@code dL/dyhat = 2 r}; {@code dOV_h = 2 r u_h^T} where
 * {@code u_h = sum_l a_l z_l}; {@code da_l = z_l^T OV_h^T 2 r}; linear {@code ds_l = c da_l}, softmax
 * {@code ds_l = a_l (da_l - sum_k a_k da_k)}; {@code dKQ_h = (sum_l ds_l z_l) z_q^T}.
 *
 * <p>Prompts are processed in blocks of {@link RandomStreams#BLOCK}; each block owns a partial loss and gradient,
 * and partials are summed in block order, so the result is bit-identical for any thread count.
 */
public final class ReferenceAttentionKernel implements AttentionKernel {
    private final KernelShape shape;
    private final BlockParallel parallel;

    public ReferenceAttentionKernel(KernelShape shape, BlockParallel parallel) {
        this.shape = shape;
        this.parallel = parallel;
    }

    @Override
    public KernelShape shape() {
        return shape;
    }

    @Override
    public double sumSquaredErrorAndGradient(PromptBatch batch, double[] kq, double[] ov, double[] gkq,
                                             double[] gov) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        return KernelBlocks.sumSquaredErrorAndGradient(batch, parallel, KernelBlocks.DOUBLE, gkq, gov,
                (from, to, pkq, pov) -> runBlock(batch, from, to, kq, ov, null, pkq, pov));
    }

    @Override
    public void predict(PromptBatch batch, double[] kq, double[] ov, double[] out) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        KernelPacking.checkOut(shape, batch, out);
        KernelBlocks.predict(batch, parallel, (from, to) -> runBlock(batch, from, to, kq, ov, out, null, null));
    }

    /**
     * Forward (and, when {@code gkq != null}, backward) over prompts {@code [from, to)}.
     *
     * @param out {@code [b, outputs]} or null; rows {@code [from, to)} overwritten with predictions
     * @param gkq {@code [h, D, D]} or null; the block's gradient is added
     * @param gov {@code [h, outputs, D]} or null; the block's gradient is added
     * @return sum of squared errors over the block's prompts
     */
    private double runBlock(PromptBatch batch, int from, int to, double[] kq, double[] ov, double[] out,
                            double[] gkq, double[] gov) {
        int heads = shape.heads();
        int d = shape.d();
        int o = shape.outputs();
        int dd = shape.tokenWidth();
        int n = batch.n;
        int m = KernelPacking.attendedCount(shape, n);
        double[] z = new double[m * dd];      // [m, D] attended tokens
        double[] zq = new double[dd];         // [D] query token
        double[] kqz = new double[dd];        // [D] KQ_h z_q
        double[] a = new double[m];           // [m] attention weights
        double[] u = new double[heads * dd];  // [h, D] attended mix per head
        double[] aw = new double[heads * m];  // [h, m] attention weights per head
        double[] yhat = new double[o];        // [outputs]
        double[] du = new double[dd];         // [D]
        double[] da = new double[m];          // [m]
        double[] dz = new double[dd];         // [D] sum_l ds_l z_l
        double[] g = new double[o];           // [outputs] dL/dyhat = 2 r
        double scale = KernelPacking.linearScale(shape, n);
        boolean softmax = shape.scores() == OneLayerAttention.Scores.SOFTMAX;
        double sse = 0.0;
        for (int p = from; p < to; p++) {
            fillTokens(batch, p, z, zq);
            Arrays.fill(yhat, 0.0);
            for (int h = 0; h < heads; h++) {
                int kqOff = h * dd * dd;
                for (int i = 0; i < dd; i++) { // [D] = [D, D] x [D]
                    double s = 0.0;
                    for (int j = 0; j < dd; j++) {
                        s += kq[kqOff + i * dd + j] * zq[j];
                    }
                    kqz[i] = s;
                }
                for (int l = 0; l < m; l++) { // [m] scores
                    double s = 0.0;
                    for (int i = 0; i < dd; i++) {
                        s += z[l * dd + i] * kqz[i];
                    }
                    a[l] = s;
                }
                if (softmax) {
                    softmaxInPlace(a, m);
                } else {
                    for (int l = 0; l < m; l++) {
                        a[l] *= scale;
                    }
                }
                System.arraycopy(a, 0, aw, h * m, m);
                for (int i = 0; i < dd; i++) { // [D] = sum_l a_l z_l
                    double s = 0.0;
                    for (int l = 0; l < m; l++) {
                        s += a[l] * z[l * dd + i];
                    }
                    u[h * dd + i] = s;
                }
                int ovOff = h * o * dd;
                for (int c = 0; c < o; c++) { // [outputs] += [outputs, D] x [D]
                    double s = 0.0;
                    for (int i = 0; i < dd; i++) {
                        s += ov[ovOff + c * dd + i] * u[h * dd + i];
                    }
                    yhat[c] += s;
                }
            }
            sse = KernelPacking.addResiduals(batch, p, yhat, g, out, sse);
            if (gkq != null) {
                backward(g, z, zq, u, aw, ov, gkq, gov, m, softmax, scale, da, du, dz);
            }
        }
        return sse;
    }

    /** Adds one prompt's gradient given {@code g = dL/dyhat = 2 r}; shapes as in {@link #runBlock}. */
    private void backward(double[] g, double[] z, double[] zq, double[] u, double[] aw, double[] ov, double[] gkq,
                          double[] gov, int m, boolean softmax, double scale, double[] da, double[] du, double[] dz) {
        int heads = shape.heads();
        int o = shape.outputs();
        int dd = shape.tokenWidth();
        for (int h = 0; h < heads; h++) {
            int ovOff = h * o * dd;
            Arrays.fill(du, 0.0);
            for (int c = 0; c < o; c++) { // [outputs, D]: dOV_h += 2 r u_h^T, du = OV_h^T 2 r
                double gc = g[c];
                for (int i = 0; i < dd; i++) {
                    gov[ovOff + c * dd + i] += gc * u[h * dd + i];
                    du[i] += ov[ovOff + c * dd + i] * gc;
                }
            }
            double mean = 0.0;
            for (int l = 0; l < m; l++) { // [m] da_l = z_l . du
                double s = 0.0;
                for (int i = 0; i < dd; i++) {
                    s += z[l * dd + i] * du[i];
                }
                da[l] = s;
                mean += aw[h * m + l] * s;
            }
            for (int l = 0; l < m; l++) { // [m] ds_l
                da[l] = softmax ? aw[h * m + l] * (da[l] - mean) : scale * da[l];
            }
            Arrays.fill(dz, 0.0);
            for (int l = 0; l < m; l++) { // [D] = sum_l ds_l z_l
                for (int i = 0; i < dd; i++) {
                    dz[i] += da[l] * z[l * dd + i];
                }
            }
            int kqOff = h * dd * dd;
            for (int i = 0; i < dd; i++) { // [D, D] += dz z_q^T
                for (int j = 0; j < dd; j++) {
                    gkq[kqOff + i * dd + j] += dz[i] * zq[j];
                }
            }
        }
    }

    /**
     * @param z {@code [m, D]}, overwritten with the attended tokens of prompt p (context, then the query if included)
     * @param zq {@code [D]}, overwritten with {@code (x_q ; 0)}
     */
    private void fillTokens(PromptBatch batch, int p, double[] z, double[] zq) {
        int d = shape.d();
        int o = shape.outputs();
        int dd = shape.tokenWidth();
        for (int l = 0; l < batch.n; l++) { // [n, D]
            System.arraycopy(batch.x, batch.xIndex(p, l), z, l * dd, d);
            System.arraycopy(batch.y, batch.yIndex(p, l), z, l * dd + d, o);
        }
        Arrays.fill(zq, 0.0);
        System.arraycopy(batch.xq, p * d, zq, 0, d);
        if (KernelPacking.attendedCount(shape, batch.n) > batch.n) {
            System.arraycopy(zq, 0, z, batch.n * dd, dd);
        }
    }

    /** @param a {@code [m]}, overwritten with softmax(a) over its first m entries (max subtracted first) */
    private static void softmaxInPlace(double[] a, int m) {
        if (m == 0) {
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < m; l++) {
            max = Math.max(max, a[l]);
        }
        double sum = 0.0;
        for (int l = 0; l < m; l++) {
            a[l] = Math.exp(a[l] - max);
            sum += a[l];
        }
        for (int l = 0; l < m; l++) {
            a[l] /= sum;
        }
    }
}
