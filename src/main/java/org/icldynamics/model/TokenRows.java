package org.icldynamics.model;

import org.icldynamics.data.PromptBatch;

/**
 * Where {@link VectorAttentionKernel} reads one prompt's attended tokens: token l's input coordinate i at
 * {@code x[xo + l * xs + i]}, its label slot c at {@code y[yo + l * ys + c]}, the query input at {@code xq[qo + j]}.
 * When the query does not attend to itself (the usual case) these point straight into the {@link PromptBatch}: no
 * copy (copying every prompt's tokens took 8-20% of the head-as-lane kernels' time). When it does, the tokens are
 * copied once per prompt into {@code [m, D]} rows with the query last ({@link VectorTokens#fill}).
 */
final class TokenRows {
    /** Input coordinates and label slots per token. */
    final int d;
    final int outs;
    double[] x;
    int xo;
    int xs;
    double[] y;
    int yo;
    int ys;
    double[] xq;
    int qo;
    private final KernelShape shape;
    /** {@code [m, D]} copy buffer, null when the query is not attended. */
    private final double[] z;
    private final double[] zq;

    /** @param n context tokens per prompt */
    TokenRows(KernelShape shape, int n) {
        this.shape = shape;
        this.d = shape.d();
        this.outs = shape.outputs();
        boolean copy = KernelPacking.attendedCount(shape, n) > n;
        this.z = copy ? new double[(n + 1) * shape.tokenWidth()] : null;
        this.zq = copy ? new double[shape.d()] : null;
    }

    /** The array holding token coordinate i ({@code i < d}: an input coordinate, else a label slot). */
    double[] of(int i) {
        return i < d ? x : y;
    }

    /** Where coordinate i of token l is in {@link #of}{@code (i)}. */
    int index(int l, int i) {
        return i < d ? xo + l * xs + i : yo + l * ys + i - d;
    }

    /** The distance from coordinate i of token l to that of token l + 1. */
    int stride(int i) {
        return i < d ? xs : ys;
    }

    /** Points at prompt p's tokens (copying them only when the query is attended). */
    void point(PromptBatch batch, int p) {
        if (z == null) {
            x = batch.x;
            xo = batch.xIndex(p, 0);
            xs = batch.d;
            y = batch.y;
            yo = batch.yIndex(p, 0);
            ys = batch.outputs;
            xq = batch.xq;
            qo = p * batch.d;
        } else {
            VectorTokens.fill(shape, batch, p, z, zq);
            x = z;
            xo = 0;
            xs = shape.tokenWidth();
            y = z;
            yo = shape.d();
            ys = shape.tokenWidth();
            xq = zq;
            qo = 0;
        }
    }
}
