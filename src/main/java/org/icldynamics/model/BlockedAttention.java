package org.icldynamics.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.linalg.Dense;
import org.icldynamics.linalg.VectorMath;

/**
 * The score-weight-mix step of one head over one prompt as matrix products ({@link Dense#gemm}): scores
 * {@code S = Q K^T} over the keys, softmax (or linear scaling) per row, output {@code O = P V}; backward
 * {@code dP = dO V^T}, {@code dV += P^T dO}, {@code dS} per row, {@code dQ += dS K}, {@code dK += dS^T Q}. Same maths
 * as {@link AttentionCore} (the per-row reference). Keys of token {@code t} are {@code [0, layout.keyTo(t, n))}; a
 * prompt's products run over {@code kmax} key columns ({@code n} for pair tokens, {@code T} for the causal layout),
 * with the masked entries exactly zero. One instance per pass: it owns its scratch.
 */
final class BlockedAttention {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private final OneLayerAttention.Scores scores;
    private final OneLayerAttention.Normalisation normalisation;
    private final double temperature;
    private final TokenLayout layout;
    private final int tokens;
    private final int dk;
    private final double[] kt;   // [dk, T]
    private final double[] dp;   // [T, T]
    private final double[] row;  // [T rounded up to the lane count]

    BlockedAttention(Transformer.Spec spec, int tokens, int dk) {
        this.scores = spec.scores();
        this.normalisation = spec.normalisation();
        this.temperature = spec.softmaxTemperature();
        this.layout = spec.layout();
        this.tokens = tokens;
        this.dk = dk;
        this.kt = new double[dk * tokens];
        this.dp = new double[tokens * tokens];
        this.row = new double[(tokens + S.length() - 1) / S.length() * S.length()];
    }

    private double scale(int keys) {
        if (scores == OneLayerAttention.Scores.SOFTMAX) {
            return temperature;
        }
        return normalisation == OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH ? 1.0 / Math.max(1, keys) : 1.0;
    }

    private int keyColumns(int n) {
        return layout == TokenLayout.PAIR ? n : tokens;
    }

    /**
     * Outputs of tokens {@code [first, T)} of one prompt for one head.
     *
     * @param qkv {@code [T, ld]} rows of the prompt from {@code base}; this head's query, key and value columns start
     *            at {@code qc, kc, vc}; not modified
     * @param p attention weights {@code [T, T]} from {@code po}, rows {@code [first, T)} overwritten
     * @param o {@code [T, ldo]} from {@code oo} (this head's columns), rows {@code [first, T)} overwritten
     */
    void forward(int first, int n, double[] qkv, int base, int ld, int qc, int kc, int vc, double[] p, int po,
                 double[] o, int oo, int ldo) {
        int t = tokens;
        int nr = t - first;
        int kmax = keyColumns(n);
        Dense.transpose(qkv, base + kc, ld, kmax, dk, kt, 0, kmax); // [dk, kmax]
        Dense.gemmFrom(qkv, base + first * ld + qc, ld, kt, 0, kmax, null, 0, 0, p, po + first * t, t, nr, dk,
                kmax); // [nr, kmax]
        for (int r = first; r < t; r++) {
            int to = layout.keyTo(r, n);
            double sc = scale(to);
            int pr = po + r * t;
            if (scores == OneLayerAttention.Scores.SOFTMAX) {
                softmaxRow(p, pr, to, sc);
            } else {
                for (int u = 0; u < to; u++) {
                    p[pr + u] *= sc;
                }
            }
            java.util.Arrays.fill(p, pr + to, pr + kmax, 0.0);
        }
        Dense.gemmFrom(p, po + first * t, t, qkv, base + vc, ld, null, 0, 0, o, oo + first * ldo, ldo, nr, kmax,
                dk); // [nr, dk]
    }

    /** Softmax of {@code sc * p[pr .. pr + to)} in place; exp from {@link VectorMath} (bit-reproducible). */
    private void softmaxRow(double[] p, int pr, int to, double sc) {
        double max = Double.NEGATIVE_INFINITY;
        for (int u = 0; u < to; u++) {
            p[pr + u] *= sc;
            max = Math.max(max, p[pr + u]);
        }
        if (to == 0) {
            return;
        }
        int lanes = (to + S.length() - 1) / S.length() * S.length(); // the keys rounded up to whole vectors
        System.arraycopy(p, pr, row, 0, to);
        java.util.Arrays.fill(row, to, lanes, max - 1000);
        DoubleVector mv = DoubleVector.broadcast(S, max);
        for (int u = 0; u < lanes; u += S.length()) {
            VectorMath.exp(DoubleVector.fromArray(S, row, u).sub(mv)).intoArray(row, u);
        }
        double z = 0;
        for (int u = 0; u < to; u++) {
            z += row[u];
        }
        double inv = 1.0 / z;
        for (int u = 0; u < to; u++) {
            p[pr + u] = row[u] * inv;
        }
    }

    /**
     * Backward of {@link #forward} for one prompt and head.
     *
     * @param dO {@code [T, ldo]} gradient of the head's output from {@code oo}, rows {@code [first, T)}; not modified
     * @param dqkv {@code [T, ld]} like {@code qkv}, this head's columns accumulated into
     */
    void backward(int first, int n, double[] qkv, int base, int ld, int qc, int kc, int vc, double[] p, int po,
                  double[] dO, int oo, int ldo, double[] dqkv) {
        int t = tokens;
        int nr = t - first;
        int kmax = keyColumns(n);
        Dense.transpose(qkv, base + vc, ld, kmax, dk, kt, 0, kmax); // V^T [dk, kmax]
        Dense.gemmFrom(dO, oo + first * ldo, ldo, kt, 0, kmax, null, 0, 0, dp, 0, kmax, nr, dk, kmax); // dP [nr, kmax]
        Dense.gemmTransA(p, po + first * t, t, dO, oo + first * ldo, ldo, dqkv, base + vc, ld, kmax, nr, dk); // dV
        for (int r = first; r < t; r++) { // dS in place of dP
            int to = layout.keyTo(r, n);
            double sc = scale(to);
            int pr = po + r * t;
            int dr = (r - first) * kmax;
            if (scores == OneLayerAttention.Scores.SOFTMAX) {
                double dot = 0;
                for (int u = 0; u < to; u++) {
                    dot += p[pr + u] * dp[dr + u];
                }
                for (int u = 0; u < to; u++) {
                    dp[dr + u] = p[pr + u] * (dp[dr + u] - dot) * sc;
                }
            } else {
                for (int u = 0; u < to; u++) {
                    dp[dr + u] *= sc;
                }
            }
            java.util.Arrays.fill(dp, dr + to, dr + kmax, 0.0);
        }
        Dense.gemm(dp, 0, kmax, qkv, base + kc, ld, dqkv, base + first * ld + qc, ld, nr, kmax, dk); // dQ
        Dense.gemmTransA(dp, 0, kmax, qkv, base + first * ld + qc, ld, dqkv, base + kc, ld, kmax, nr, dk); // dK
    }
}
