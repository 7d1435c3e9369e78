package org.icldynamics.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowCombinations} in float for {@link TokenLaneFloatAttentionKernel} (8 floats per 256-bit vector): every
 * output lane is one chain of FMAs over the rows in order 0, 1, ..., so the bits do not depend on how columns or heads
 * are grouped into vectors.
 */
final class FloatRowCombinations {
    /** The kernel's vectors: widths are whole vectors of these. */
    private static final VectorSpecies<Float> S = TokenLaneFloatAttentionKernel.S;
    private static final int L = S.length();

    private FloatRowCombinations() {
    }

    /**
     * {@code out[0, width) = sum_r w[r] mat[r, 0, width)}, rows added in order 0..rows-1 (fixed, so the bits do not
     * depend on the JIT), four column vectors at a time so four FMA chains run side by side.
     *
     * @param mat {@code [rows, width]} at {@code off}, row stride {@code width} (a multiple of the lane count), not
     *            modified
     * @param w {@code [rows]} at {@code wOff}, not modified
     * @param out overwritten at {@code [outOff, outOff + width)}
     */
    static void combine(float[] mat, int off, int rows, int width, float[] w, int wOff, float[] out, int outOff) {
        int c = 0;
        for (; c + 4 * L <= width; c += 4 * L) { // [width] in groups of 4 vectors
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector a3 = FloatVector.zero(S);
            for (int r = 0, k = off + c; r < rows; r++, k += width) { // k: row r, column c
                FloatVector wr = FloatVector.broadcast(S, w[wOff + r]);
                a0 = FloatVector.fromArray(S, mat, k).fma(wr, a0);
                a1 = FloatVector.fromArray(S, mat, k + L).fma(wr, a1);
                a2 = FloatVector.fromArray(S, mat, k + 2 * L).fma(wr, a2);
                a3 = FloatVector.fromArray(S, mat, k + 3 * L).fma(wr, a3);
            }
            a0.intoArray(out, outOff + c);
            a1.intoArray(out, outOff + c + L);
            a2.intoArray(out, outOff + c + 2 * L);
            a3.intoArray(out, outOff + c + 3 * L);
        }
        if (c + 2 * L <= width) { // two vectors side by side (two FMA chains, not one)
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            for (int r = 0, k = off + c; r < rows; r++, k += width) {
                FloatVector wr = FloatVector.broadcast(S, w[wOff + r]);
                a0 = FloatVector.fromArray(S, mat, k).fma(wr, a0);
                a1 = FloatVector.fromArray(S, mat, k + L).fma(wr, a1);
            }
            a0.intoArray(out, outOff + c);
            a1.intoArray(out, outOff + c + L);
            c += 2 * L;
        }
        for (; c < width; c += L) { // [width mod 2L] one vector at a time
            FloatVector a0 = FloatVector.zero(S);
            for (int r = 0, k = off + c; r < rows; r++, k += width) {
                a0 = FloatVector.fromArray(S, mat, k).fma(FloatVector.broadcast(S, w[wOff + r]), a0);
            }
            a0.intoArray(out, outOff + c);
        }
    }

    /**
     * {@link #combine} for every head: {@code out_h = sum_r w_h[r] mat[r]}, two heads at a time so one load of a row
     * feeds both heads' chains, four or two column vectors per head where the width allows (eight or four chains side
     * by side).
     *
     * @param mat {@code [rows, width]}, width a multiple of the lane count, not modified
     * @param w {@code [heads, wStride]}, not modified
     * @param out {@code [heads, width]}, overwritten
     */
    static void perHead(float[] mat, int rows, int width, float[] w, int wStride, int heads, float[] out) {
        int h = 0;
        for (; h + 1 < heads; h += 2) { // [heads] in pairs
            int w0 = h * wStride;
            int w1 = w0 + wStride;
            int o0 = h * width;
            int o1 = o0 + width;
            int c = 0;
            for (; c + 4 * L <= width; c += 4 * L) { // [width] four vectors per head (eight chains)
                pairOfFour(mat, rows, width, c, w, w0, w1, out, o0, o1);
            }
            for (; c + 2 * L <= width; c += 2 * L) { // [width mod 4L] two vectors per head
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = FloatVector.zero(S);
                FloatVector b0 = FloatVector.zero(S);
                FloatVector b1 = FloatVector.zero(S);
                for (int r = 0, k = c; r < rows; r++, k += width) {
                    FloatVector row0 = FloatVector.fromArray(S, mat, k);
                    FloatVector row1 = FloatVector.fromArray(S, mat, k + L);
                    FloatVector x0 = FloatVector.broadcast(S, w[w0 + r]);
                    FloatVector x1 = FloatVector.broadcast(S, w[w1 + r]);
                    a0 = row0.fma(x0, a0);
                    a1 = row1.fma(x0, a1);
                    b0 = row0.fma(x1, b0);
                    b1 = row1.fma(x1, b1);
                }
                a0.intoArray(out, o0 + c);
                a1.intoArray(out, o0 + c + L);
                b0.intoArray(out, o1 + c);
                b1.intoArray(out, o1 + c + L);
            }
            for (; c < width; c += L) { // [width mod 2L] one vector per head
                FloatVector a0 = FloatVector.zero(S);
                FloatVector b0 = FloatVector.zero(S);
                for (int r = 0, k = c; r < rows; r++, k += width) {
                    FloatVector row0 = FloatVector.fromArray(S, mat, k);
                    a0 = row0.fma(FloatVector.broadcast(S, w[w0 + r]), a0);
                    b0 = row0.fma(FloatVector.broadcast(S, w[w1 + r]), b0);
                }
                a0.intoArray(out, o0 + c);
                b0.intoArray(out, o1 + c);
            }
        }
        if (h < heads) { // odd heads: the last one alone
            combine(mat, 0, rows, width, w, h * wStride, out, h * width);
        }
    }

    /** Columns {@code [c, c + 4L)} of {@link #perHead} for the two heads whose weights start at w0 and w1. */
    private static void pairOfFour(float[] mat, int rows, int width, int c, float[] w, int w0, int w1,
                                   float[] out, int o0, int o1) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = FloatVector.zero(S);
        FloatVector a2 = FloatVector.zero(S);
        FloatVector a3 = FloatVector.zero(S);
        FloatVector b0 = FloatVector.zero(S);
        FloatVector b1 = FloatVector.zero(S);
        FloatVector b2 = FloatVector.zero(S);
        FloatVector b3 = FloatVector.zero(S);
        for (int r = 0, k = c; r < rows; r++, k += width) {
            FloatVector x0 = FloatVector.broadcast(S, w[w0 + r]);
            FloatVector x1 = FloatVector.broadcast(S, w[w1 + r]);
            FloatVector row = FloatVector.fromArray(S, mat, k);
            a0 = row.fma(x0, a0);
            b0 = row.fma(x1, b0);
            row = FloatVector.fromArray(S, mat, k + L);
            a1 = row.fma(x0, a1);
            b1 = row.fma(x1, b1);
            row = FloatVector.fromArray(S, mat, k + 2 * L);
            a2 = row.fma(x0, a2);
            b2 = row.fma(x1, b2);
            row = FloatVector.fromArray(S, mat, k + 3 * L);
            a3 = row.fma(x0, a3);
            b3 = row.fma(x1, b3);
        }
        a0.intoArray(out, o0 + c);
        a1.intoArray(out, o0 + c + L);
        a2.intoArray(out, o0 + c + 2 * L);
        a3.intoArray(out, o0 + c + 3 * L);
        b0.intoArray(out, o1 + c);
        b1.intoArray(out, o1 + c + L);
        b2.intoArray(out, o1 + c + 2 * L);
        b3.intoArray(out, o1 + c + 3 * L);
    }
}
