package org.icldynamics.model;

import java.util.Arrays;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * The context of a batch reduced to the sufficient statistics of linear attention in its reduced form (spec
 * linear-attention.md A.7): per prompt and output c, {@code beta_c = scale * sum_l y_{l,c} x_l} ({@code scale} is 1,
 * the code's {@code b}, or 1/n, the paper's {@code beta}), and the query {@code x_q}.
 *
 * <p>The reduced predictor with x-blocks {@code U_h} [d, d] and y-blocks {@code V_h} [outputs, outputs] is
 * {@code yhat_c = sum_h sum_c' V_h[c, c'] beta_c'^T U_h x_q}; a loss and gradient evaluation costs
 * {@code O(b outputs^2 d^2 + h outputs^2 d^2)} without touching the n context tokens. Instances are not thread-safe
 * (the workspace is reused; the loop over blocks is parallel inside one call).
 */
final class LinearSufficientStatistics {
    private final PromptBatch batch;
    private final double[] beta;
    /** Workspace reused across calls (allocation-free hot loop): {@code [outputs, outputs, d, d]} combined circuits. */
    private double[] combined;
    /** {@code [blocks, outputs, outputs, d, d]} per-block gradients G. */
    private double[] partials;
    /** {@code [blocks]} per-block sums of squared errors. */
    private double[] loss;
    /** {@code [blocks, d]} per-block scratch. */
    private double[] scratch;
    /** {@code [outputs, outputs, d, d]} G summed in block order. */
    private double[] sum;

    private LinearSufficientStatistics(PromptBatch batch, double[] beta) {
        this.batch = batch;
        this.beta = beta;
    }

    /** The statistics of {@code batch} (not modified) with {@code scale = 1/n} or 1. */
    static LinearSufficientStatistics of(PromptBatch batch, OneLayerAttention.Normalisation normalisation) {
        int d = batch.d;
        int o = batch.outputs;
        double scale = normalisation == OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH && batch.n > 0
                ? 1.0 / batch.n : 1.0;
        double[] beta = new double[batch.b * o * d];
        for (int p = 0; p < batch.b; p++) { // [b, outputs, d]
            for (int l = 0; l < batch.n; l++) {
                int xi = batch.xIndex(p, l);
                int yi = batch.yIndex(p, l);
                for (int c = 0; c < o; c++) {
                    double y = batch.y[yi + c];
                    for (int i = 0; i < d; i++) {
                        beta[(p * o + c) * d + i] += y * batch.x[xi + i];
                    }
                }
            }
        }
        for (int i = 0; i < beta.length; i++) {
            beta[i] *= scale;
        }
        return new LinearSufficientStatistics(batch, beta);
    }

    /** Whether these are the statistics of exactly this batch object. */
    boolean isOf(PromptBatch other) {
        return other == batch;
    }

    /**
     * Sum of squared errors of the reduced predictor, its gradient and optionally its predictions.
     *
     * <p>The heads are summed before the prompts are visited: with the combined circuits
     * {@code M_{c,c'} = sum_h V_h[c, c'] U_h} [d, d] the prediction is {@code yhat_c = sum_c' beta_c'^T M_{c,c'} x_q},
     * and with {@code G_{c,c'} = sum_p 2 r_c beta_c' x_q^T} the gradients are {@code dU_h = sum V_h[c, c'] G_{c,c'}},
     * {@code dV_h[c, c'] = <U_h, G_{c,c'}>}. A prompt then costs {@code O(outputs^2 d^2)} whatever the number of heads
     * and the key-query rank (separate key-query enters through {@code U_h = t K_h^T Q_h}); the per-head work is done
     * once per call. Cheaper than the literal rank-R form of spec A.7 ({@code O(h R d)} per prompt) for every rank
     * once {@code h R > d outputs^2 / 2}, which holds for all presets.
     *
     * @param u {@code [h, d, d]} x-blocks {@code U_h}, not modified
     * @param v {@code [h, outputs, outputs]} y-blocks {@code V_h}, not modified
     * @param gu {@code [h, d, d]} or null, overwritten with the gradient
     * @param gv {@code [h, outputs, outputs]} or null (exactly when gu is null), overwritten with the gradient
     * @param out {@code [b, outputs]} or null, overwritten with the predictions
     * @return the sum over prompts and outputs of {@code (yhat - y_q)^2}
     */
    double sumSquaredError(int heads, double[] u, double[] v, double[] gu, double[] gv, double[] out,
                           BlockParallel parallel) {
        int d = batch.d;
        int o = batch.outputs;
        int dd2 = d * d;
        int circuits = o * o * dd2;
        int blocks = BlockParallel.blocks(batch.b, RandomStreams.BLOCK);
        if (combined == null || combined.length != circuits) {
            combined = new double[circuits];
            partials = new double[blocks * circuits];
            loss = new double[blocks];
            scratch = new double[blocks * d];
            sum = new double[circuits];
        }
        Arrays.fill(combined, 0.0);
        for (int h = 0; h < heads; h++) { // [outputs, outputs, d, d] = sum_h V_h[c, c'] U_h
            for (int cc = 0; cc < o * o; cc++) {
                double w = v[h * o * o + cc];
                for (int k = 0; k < dd2; k++) {
                    combined[cc * dd2 + k] += w * u[h * dd2 + k];
                }
            }
        }
        boolean grad = gu != null;
        parallel.forEach(blocks, k -> {
            int from = k * RandomStreams.BLOCK;
            int to = Math.min(batch.b, from + RandomStreams.BLOCK);
            loss[k] = runBlock(from, to, grad ? k * circuits : -1, k * d, out);
        });
        double total = 0.0;
        Arrays.fill(sum, 0.0);
        for (int k = 0; k < blocks; k++) { // reduce in block order
            total += loss[k];
            if (grad) {
                for (int i = 0; i < circuits; i++) {
                    sum[i] += partials[k * circuits + i];
                }
            }
        }
        if (grad) {
            scatter(heads, u, v, gu, gv);
        }
        return total;
    }

    /** {@code dU_h = sum_{c,c'} V_h[c, c'] G_{c,c'}} and {@code dV_h[c, c'] = <U_h, G_{c,c'}>} from {@link #sum}. */
    private void scatter(int heads, double[] u, double[] v, double[] gu, double[] gv) {
        int o = batch.outputs;
        int dd2 = batch.d * batch.d;
        Arrays.fill(gu, 0.0);
        for (int h = 0; h < heads; h++) { // [h, d, d] and [h, outputs, outputs]
            for (int cc = 0; cc < o * o; cc++) {
                double w = v[h * o * o + cc];
                double dot = 0.0;
                for (int k = 0; k < dd2; k++) {
                    gu[h * dd2 + k] += w * sum[cc * dd2 + k];
                    dot += u[h * dd2 + k] * sum[cc * dd2 + k];
                }
                gv[h * o * o + cc] = dot;
            }
        }
    }

    /**
     * Prompts {@code [from, to)}: predictions, squared errors, and (when {@code gOff >= 0}) {@code G} added into
     * {@link #partials} at {@code gOff} (zeroed first); {@link #scratch} at {@code wOff} holds {@code [d]}.
     */
    private double runBlock(int from, int to, int gOff, int wOff, double[] out) {
        int d = batch.d;
        int o = batch.outputs;
        int dd2 = d * d;
        double[] xqs = batch.xq;
        double[] m = combined;
        double[] w = scratch;
        double[] g = partials;
        if (gOff >= 0) {
            Arrays.fill(g, gOff, gOff + o * o * dd2, 0.0);
        }
        double sse = 0.0;
        for (int p = from; p < to; p++) {
            int xq = p * d;
            for (int c = 0; c < o; c++) {
                double y = 0.0;
                for (int c2 = 0; c2 < o; c2++) {
                    int bo = (p * o + c2) * d;
                    int mo = (c * o + c2) * dd2;
                    Arrays.fill(w, wOff, wOff + d, 0.0);
                    for (int i = 0; i < d; i++) { // [d] = beta_c'^T M_{c,c'}
                        double bi = beta[bo + i];
                        for (int j = 0; j < d; j++) {
                            w[wOff + j] += bi * m[mo + i * d + j];
                        }
                    }
                    for (int j = 0; j < d; j++) { // [d] . x_q
                        y += w[wOff + j] * xqs[xq + j];
                    }
                }
                if (out != null) {
                    out[p * o + c] = y;
                }
                double r = y - batch.yq[p * o + c];
                sse += r * r;
                if (gOff < 0) {
                    continue;
                }
                for (int c2 = 0; c2 < o; c2++) { // [d, d]: G_{c,c'} += 2 r_c beta_c' x_q^T
                    int bo = (p * o + c2) * d;
                    int go = gOff + (c * o + c2) * dd2;
                    for (int i = 0; i < d; i++) {
                        double gb = 2.0 * r * beta[bo + i];
                        for (int j = 0; j < d; j++) {
                            g[go + i * d + j] += gb * xqs[xq + j];
                        }
                    }
                }
            }
        }
        return sse;
    }
}
