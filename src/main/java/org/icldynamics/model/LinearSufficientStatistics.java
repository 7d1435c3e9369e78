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
 * {@code O(b h (d^2 + outputs d))} without touching the n context tokens.
 */
final class LinearSufficientStatistics {
    private final PromptBatch batch;
    private final double[] beta;

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
     * @param u {@code [h, d, d]} x-blocks {@code U_h}, not modified
     * @param v {@code [h, outputs, outputs]} y-blocks {@code V_h}, not modified
     * @param gu {@code [h, d, d]} or null, overwritten with the gradient
     * @param gv {@code [h, outputs, outputs]} or null, overwritten with the gradient
     * @param out {@code [b, outputs]} or null, overwritten with the predictions
     * @return the sum over prompts and outputs of {@code (yhat - y_q)^2}
     */
    double sumSquaredError(int heads, double[] u, double[] v, double[] gu, double[] gv, double[] out,
                           BlockParallel parallel) {
        int blocks = BlockParallel.blocks(batch.b, RandomStreams.BLOCK);
        double[] loss = new double[blocks];
        double[][] pu = new double[blocks][];
        double[][] pv = new double[blocks][];
        boolean grad = gu != null;
        parallel.forEach(blocks, k -> {
            int from = k * RandomStreams.BLOCK;
            int to = Math.min(batch.b, from + RandomStreams.BLOCK);
            pu[k] = grad ? new double[u.length] : null;
            pv[k] = grad ? new double[v.length] : null;
            loss[k] = runBlock(heads, from, to, u, v, pu[k], pv[k], out);
        });
        double total = 0.0;
        if (grad) {
            Arrays.fill(gu, 0.0);
            Arrays.fill(gv, 0.0);
        }
        for (int k = 0; k < blocks; k++) { // reduce in block order
            total += loss[k];
            if (grad) {
                for (int i = 0; i < gu.length; i++) {
                    gu[i] += pu[k][i];
                }
                for (int i = 0; i < gv.length; i++) {
                    gv[i] += pv[k][i];
                }
            }
        }
        return total;
    }

    private double runBlock(int heads, int from, int to, double[] u, double[] v, double[] gu, double[] gv,
                            double[] out) {
        int d = batch.d;
        int o = batch.outputs;
        double[] ux = new double[heads * d];  // [h, d] U_h x_q
        double[] s = new double[heads * o];   // [h, outputs] beta_c^T U_h x_q
        double[] r = new double[o];           // [outputs]
        double[] w = new double[d];           // [d]
        double sse = 0.0;
        for (int p = from; p < to; p++) {
            int xq = p * d;
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < d; i++) { // [d] = [d, d] x [d]
                    double t = 0.0;
                    for (int j = 0; j < d; j++) {
                        t += u[(h * d + i) * d + j] * batch.xq[xq + j];
                    }
                    ux[h * d + i] = t;
                }
                for (int c = 0; c < o; c++) { // [outputs]
                    double t = 0.0;
                    for (int i = 0; i < d; i++) {
                        t += beta[(p * o + c) * d + i] * ux[h * d + i];
                    }
                    s[h * o + c] = t;
                }
            }
            for (int c = 0; c < o; c++) { // [outputs] yhat_c = sum_h sum_c' V_h[c, c'] s_{h, c'}
                double y = 0.0;
                for (int h = 0; h < heads; h++) {
                    for (int c2 = 0; c2 < o; c2++) {
                        y += v[(h * o + c) * o + c2] * s[h * o + c2];
                    }
                }
                if (out != null) {
                    out[p * o + c] = y;
                }
                r[c] = y - batch.yq[p * o + c];
                sse += r[c] * r[c];
            }
            if (gu == null) {
                continue;
            }
            for (int h = 0; h < heads; h++) {
                Arrays.fill(w, 0.0);
                for (int c = 0; c < o; c++) { // [outputs, outputs]: dV_h += 2 r s_h^T; w = sum_c' (V_h^T 2r)_c' beta_c'
                    for (int c2 = 0; c2 < o; c2++) {
                        gv[(h * o + c) * o + c2] += 2.0 * r[c] * s[h * o + c2];
                        double g = 2.0 * r[c] * v[(h * o + c) * o + c2];
                        for (int i = 0; i < d; i++) {
                            w[i] += g * beta[(p * o + c2) * d + i];
                        }
                    }
                }
                for (int i = 0; i < d; i++) { // [d, d] += w x_q^T
                    for (int j = 0; j < d; j++) {
                        gu[(h * d + i) * d + j] += w[i] * batch.xq[xq + j];
                    }
                }
            }
        }
        return sse;
    }
}
