package org.icldynamics.model;

import org.icldynamics.linalg.Dense;

/**
 * The score-weight-mix step of one attention head over one prompt, forward and backward side by side:
 * {@code o_t = sum_u A_tu v_u} over the keys {@code u} of token {@code t}, with {@code A_t = softmax(temp q_t . k_u)}
 * or, for linear scores, {@code A_tu = q_t . k_u / c_t} ({@code c_t} = number of keys, or 1 without normalisation).
 * Rows of {@code q, k, v, o} have stride {@code ld}; the head's columns start at {@code col}.
 */
final class AttentionCore {
    private final OneLayerAttention.Scores scores;
    private final OneLayerAttention.Normalisation normalisation;
    private final double temperature;
    private final TokenLayout layout;

    AttentionCore(OneLayerAttention.Scores scores, OneLayerAttention.Normalisation normalisation, double temperature,
                  TokenLayout layout) {
        this.scores = scores;
        this.normalisation = normalisation;
        this.temperature = temperature;
        this.layout = layout;
    }

    private double scale(int keys) {
        if (scores == OneLayerAttention.Scores.SOFTMAX) {
            return temperature;
        }
        return normalisation == OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH ? 1.0 / Math.max(1, keys) : 1.0;
    }

    /**
     * Computes the outputs of tokens {@code [first, T)} (all tokens are keys).
     *
     * @param q {@code [T, ld]} (head columns {@code [col, col + dk)}), not modified; likewise {@code k, v}
     * @param a attention weights {@code [T, T]} from {@code ao}, overwritten (row t, keys of t only)
     * @param o {@code [T, ld]}, head columns overwritten
     */
    void forward(int first, int tokens, int n, int dk, int ld, int col, double[] q, double[] k, double[] v, double[] a, int ao,
                 double[] o) {
        for (int t = first; t < tokens; t++) { // [T, keys, dk]
            int from = layout.keyFrom(t);
            int to = layout.keyTo(t, n);
            double sc = scale(to - from);
            int qt = t * ld + col;
            int at = ao + t * tokens;
            double max = Double.NEGATIVE_INFINITY;
            for (int u = from; u < to; u++) {
                a[at + u] = sc * Dense.dot(q, qt, k, u * ld + col, dk);
                max = Math.max(max, a[at + u]);
            }
            if (scores == OneLayerAttention.Scores.SOFTMAX && to > from) {
                double z = 0;
                for (int u = from; u < to; u++) {
                    a[at + u] = Math.exp(a[at + u] - max);
                    z += a[at + u];
                }
                for (int u = from; u < to; u++) {
                    a[at + u] /= z;
                }
            }
            java.util.Arrays.fill(o, qt, qt + dk, 0.0);
            for (int u = from; u < to; u++) {
                Dense.axpy(a[at + u], v, u * ld + col, o, qt, dk);
            }
        }
    }

    /**
     * @param dO {@code [T, ld]} gradient of the head output, not modified
     * @param dq gradient of {@code q}, head columns accumulated into; likewise {@code dk, dv}
     */
    void backward(int first, int tokens, int n, int dk, int ld, int col, double[] q, double[] k, double[] v, double[] a, int ao,
                  double[] dO, double[] dq, double[] dkk, double[] dv, double[] scratch) {
        for (int t = first; t < tokens; t++) { // [T, keys, dk]
            int from = layout.keyFrom(t);
            int to = layout.keyTo(t, n);
            double sc = scale(to - from);
            int qt = t * ld + col;
            int at = ao + t * tokens;
            double dot = 0;
            for (int u = from; u < to; u++) {
                int vu = u * ld + col;
                double w = a[at + u];
                double s = Dense.dot(dO, qt, v, vu, dk);
                Dense.axpy(w, dO, qt, dv, vu, dk);
                scratch[u] = s; // dA_tu
                dot += w * s;
            }
            for (int u = from; u < to; u++) {
                double ds = scores == OneLayerAttention.Scores.SOFTMAX
                        ? a[at + u] * (scratch[u] - dot) * sc : scratch[u] * sc;
                if (ds == 0) {
                    continue;
                }
                int ku = u * ld + col;
                Dense.axpy(ds, k, ku, dq, qt, dk);
                Dense.axpy(ds, q, qt, dkk, ku, dk);
            }
        }
    }
}
