package org.icldynamics.model;

import org.icldynamics.data.PromptBatch;

/**
 * How a prompt becomes a token sequence of width {@code d + outputs} (spec sparse-multilayer.md B.1, B.3), and which
 * keys each token attends to. The prediction is read at the last token, the query.
 */
public enum TokenLayout {
    /**
     * One token {@code (x_i, y_i)} per pair, then the query {@code (x_q, 0)}: {@code n + 1} tokens. Every token
     * attends to the {@code n} context tokens only (the theory's multi-layer linear transformer; the query is never a
     * key, so what a layer writes into it cannot leak into the context).
     */
    PAIR,
    /**
     * Garg et al.: x tokens {@code (x_i, 0)} and y tokens {@code (0, y_i)} interleaved, then {@code (x_q, 0)}:
     * {@code 2n + 1} tokens, causal mask (token t attends to tokens {@code 0..t}). The label gets its own input slot
     * rather than Garg's zero-padded copy in the x slots (a strictly more general read-in).
     */
    INTERLEAVED;

    /** Number of tokens for context length {@code n}. */
    public int tokens(int n) {
        return this == PAIR ? n + 1 : 2 * n + 1;
    }

    /** First key of token {@code t}. */
    public int keyFrom(int t) {
        return 0;
    }

    /** One past the last key of token {@code t} in a prompt of context length {@code n}. */
    public int keyTo(int t, int n) {
        return this == PAIR ? n : t + 1;
    }

    /**
     * Writes prompt {@code p}'s tokens.
     *
     * @param batch not modified
     * @param z {@code [tokens(n), d + outputs]}, overwritten
     */
    public void tokens(PromptBatch batch, int p, double[] z) {
        int d = batch.d;
        int o = batch.outputs;
        int dz = d + o;
        int n = batch.n;
        java.util.Arrays.fill(z, 0, tokens(n) * dz, 0.0);
        for (int i = 0; i < n; i++) { // [n, D]
            int xt = this == PAIR ? i : 2 * i;
            int yt = this == PAIR ? i : 2 * i + 1;
            System.arraycopy(batch.x, batch.xIndex(p, i), z, xt * dz, d);
            System.arraycopy(batch.y, batch.yIndex(p, i), z, yt * dz + d, o);
        }
        System.arraycopy(batch.xq, p * d, z, (tokens(n) - 1) * dz, d);
    }
}
