package org.icldynamics.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NineWideFloatSums} on 16 lanes for {@link PairedFloatProducts}: nine token coordinates in one pass over the
 * tokens of a pair of prompts, each coordinate's even and odd chains as there (the same bits per lane). Its 18
 * accumulators, two weight vectors and a broadcast fit AVX-512's 32 registers. And W's score dots with the query
 * vector held in registers (at 512 bits these pay, unlike the 8-lane kernel's).
 */
final class PairedNineWideSums {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final VectorSpecies<Long> L64 = LongVector.SPECIES_512;
    private static final int LANES = 16;

    private PairedNineWideSums() {
    }

    /**
     * {@code out[c] = sum_l w_l z_l[i0 + c]} for nine token coordinates from i0 (tokens at least 9 wide: W's nine in
     * one pass; wider tokens in passes of nine, the last one overlapping the one before, whose coordinates it computes
     * again to the same bits).
     *
     * @param w {@code [m, 16]} at {@code wOff}, not modified
     * @param z {@code [m, D]} pairs, not modified
     * @param out {@code [9, 16]} at {@code outOff}, overwritten
     */
    static void sums(float[] w, int wOff, long[] z, int m, int dd, int i0, float[] out, int outOff) {
        FloatVector a0 = FloatVector.zero(S);
        FloatVector a1 = a0;
        FloatVector a2 = a0;
        FloatVector a3 = a0;
        FloatVector a4 = a0;
        FloatVector a5 = a0;
        FloatVector a6 = a0;
        FloatVector a7 = a0;
        FloatVector a8 = a0;
        FloatVector b0 = a0;
        FloatVector b1 = a0;
        FloatVector b2 = a0;
        FloatVector b3 = a0;
        FloatVector b4 = a0;
        FloatVector b5 = a0;
        FloatVector b6 = a0;
        FloatVector b7 = a0;
        FloatVector b8 = a0;
        int l = 0;
        for (; l + 1 < m; l += 2) { // [m, 16] in pairs: even tokens into the a chains, odd into the b chains
            FloatVector wa = FloatVector.fromArray(S, w, wOff + l * LANES);
            FloatVector wb = FloatVector.fromArray(S, w, wOff + (l + 1) * LANES);
            int za = l * dd + i0;
            int zb = za + dd;
            a0 = wa.fma(LongVector.broadcast(L64, z[za]).reinterpretAsFloats(), a0);
            a1 = wa.fma(LongVector.broadcast(L64, z[za + 1]).reinterpretAsFloats(), a1);
            a2 = wa.fma(LongVector.broadcast(L64, z[za + 2]).reinterpretAsFloats(), a2);
            a3 = wa.fma(LongVector.broadcast(L64, z[za + 3]).reinterpretAsFloats(), a3);
            a4 = wa.fma(LongVector.broadcast(L64, z[za + 4]).reinterpretAsFloats(), a4);
            a5 = wa.fma(LongVector.broadcast(L64, z[za + 5]).reinterpretAsFloats(), a5);
            a6 = wa.fma(LongVector.broadcast(L64, z[za + 6]).reinterpretAsFloats(), a6);
            a7 = wa.fma(LongVector.broadcast(L64, z[za + 7]).reinterpretAsFloats(), a7);
            a8 = wa.fma(LongVector.broadcast(L64, z[za + 8]).reinterpretAsFloats(), a8);
            b0 = wb.fma(LongVector.broadcast(L64, z[zb]).reinterpretAsFloats(), b0);
            b1 = wb.fma(LongVector.broadcast(L64, z[zb + 1]).reinterpretAsFloats(), b1);
            b2 = wb.fma(LongVector.broadcast(L64, z[zb + 2]).reinterpretAsFloats(), b2);
            b3 = wb.fma(LongVector.broadcast(L64, z[zb + 3]).reinterpretAsFloats(), b3);
            b4 = wb.fma(LongVector.broadcast(L64, z[zb + 4]).reinterpretAsFloats(), b4);
            b5 = wb.fma(LongVector.broadcast(L64, z[zb + 5]).reinterpretAsFloats(), b5);
            b6 = wb.fma(LongVector.broadcast(L64, z[zb + 6]).reinterpretAsFloats(), b6);
            b7 = wb.fma(LongVector.broadcast(L64, z[zb + 7]).reinterpretAsFloats(), b7);
            b8 = wb.fma(LongVector.broadcast(L64, z[zb + 8]).reinterpretAsFloats(), b8);
        }
        if (l < m) { // odd m: the last token, into the even chains
            FloatVector wa = FloatVector.fromArray(S, w, wOff + l * LANES);
            int za = l * dd + i0;
            a0 = wa.fma(LongVector.broadcast(L64, z[za]).reinterpretAsFloats(), a0);
            a1 = wa.fma(LongVector.broadcast(L64, z[za + 1]).reinterpretAsFloats(), a1);
            a2 = wa.fma(LongVector.broadcast(L64, z[za + 2]).reinterpretAsFloats(), a2);
            a3 = wa.fma(LongVector.broadcast(L64, z[za + 3]).reinterpretAsFloats(), a3);
            a4 = wa.fma(LongVector.broadcast(L64, z[za + 4]).reinterpretAsFloats(), a4);
            a5 = wa.fma(LongVector.broadcast(L64, z[za + 5]).reinterpretAsFloats(), a5);
            a6 = wa.fma(LongVector.broadcast(L64, z[za + 6]).reinterpretAsFloats(), a6);
            a7 = wa.fma(LongVector.broadcast(L64, z[za + 7]).reinterpretAsFloats(), a7);
            a8 = wa.fma(LongVector.broadcast(L64, z[za + 8]).reinterpretAsFloats(), a8);
        }
        a0.add(b0).intoArray(out, outOff);
        a1.add(b1).intoArray(out, outOff + LANES);
        a2.add(b2).intoArray(out, outOff + 2 * LANES);
        a3.add(b3).intoArray(out, outOff + 3 * LANES);
        a4.add(b4).intoArray(out, outOff + 4 * LANES);
        a5.add(b5).intoArray(out, outOff + 5 * LANES);
        a6.add(b6).intoArray(out, outOff + 6 * LANES);
        a7.add(b7).intoArray(out, outOff + 7 * LANES);
        a8.add(b8).intoArray(out, outOff + 8 * LANES);
    }

    /**
     * {@code out_l = scale (sum_i v_i z_l[i])} over the first nine token coordinates, as
     * {@link PairedFloatProducts#dots}: the nine coordinate vectors of {@code v} held in registers, each token one
     * chain of nine FMAs (the same bits). W's tokens are 9 wide; for wider ones the caller passes scale 1 and
     * continues each chain from {@code out}.
     *
     * @param v {@code [D, 16]}, not modified
     * @param z {@code [m, D]} pairs, not modified
     * @param out {@code [m, 16]} at {@code outOff}, overwritten
     */
    static void dots(float[] v, long[] z, int m, int dd, float scale, float[] out, int outOff) {
        FloatVector v0 = FloatVector.fromArray(S, v, 0);
        FloatVector v1 = FloatVector.fromArray(S, v, LANES);
        FloatVector v2 = FloatVector.fromArray(S, v, 2 * LANES);
        FloatVector v3 = FloatVector.fromArray(S, v, 3 * LANES);
        FloatVector v4 = FloatVector.fromArray(S, v, 4 * LANES);
        FloatVector v5 = FloatVector.fromArray(S, v, 5 * LANES);
        FloatVector v6 = FloatVector.fromArray(S, v, 6 * LANES);
        FloatVector v7 = FloatVector.fromArray(S, v, 7 * LANES);
        FloatVector v8 = FloatVector.fromArray(S, v, 8 * LANES);
        boolean scaled = scale != 1f;
        for (int l = 0; l < m; l++) { // [m, 16], each token one chain over its 9 coordinates
            int k = l * dd;
            FloatVector s = FloatVector.zero(S);
            s = v0.fma(LongVector.broadcast(L64, z[k]).reinterpretAsFloats(), s);
            s = v1.fma(LongVector.broadcast(L64, z[k + 1]).reinterpretAsFloats(), s);
            s = v2.fma(LongVector.broadcast(L64, z[k + 2]).reinterpretAsFloats(), s);
            s = v3.fma(LongVector.broadcast(L64, z[k + 3]).reinterpretAsFloats(), s);
            s = v4.fma(LongVector.broadcast(L64, z[k + 4]).reinterpretAsFloats(), s);
            s = v5.fma(LongVector.broadcast(L64, z[k + 5]).reinterpretAsFloats(), s);
            s = v6.fma(LongVector.broadcast(L64, z[k + 6]).reinterpretAsFloats(), s);
            s = v7.fma(LongVector.broadcast(L64, z[k + 7]).reinterpretAsFloats(), s);
            s = v8.fma(LongVector.broadcast(L64, z[k + 8]).reinterpretAsFloats(), s);
            if (scaled) {
                s = s.mul(scale);
            }
            s.intoArray(out, outOff + l * LANES);
        }
    }
}
