package org.icldynamics.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PairedFloatAttentionKernel}'s token products on 16 float lanes (lane {@code 2 h + k}: head h of the pair's
 * prompt k), the token coordinates of the two prompts stored as one long per (token, coordinate), prompt 0 in the low
 * 32 bits ({@link PairedFloatTokens}): one 64-bit broadcast ({@code LongVector.broadcast} seen as floats) gives every
 * lane its own prompt's coordinate, so one load feeds a 512-bit FMA for both prompts. The broadcast is written out at
 * every use: behind a small helper method C2 kept the vector boxed (the nine-wide sums 480 against 80 ns per pair of
 * prompts). Each lane's chain is that of {@link VectorFloatAttentionKernel}'s dots and sums (the same FMAs in the same
 * order), so the bits are the same.
 */
final class PairedFloatProducts {
    /** Token width of W (8 input coordinates, one label slot): the sums take all nine in one pass. */
    static final int NINE = 9;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final VectorSpecies<Long> L64 = LongVector.SPECIES_512;
    private static final int LANES = 16;

    private PairedFloatProducts() {
    }

    /**
     * {@code out_l = scale (sum_i v_i z_l[i])} for every attended token, each a chain over i in order, then one
     * product by {@code scale} unless it is 1: on tokens at least 9 wide the first nine coordinates with {@code v} held
     * in registers ({@link PairedNineWideSums#dots}), the rest (all, on narrower tokens) four tokens at a time, so one
     * load of {@code v_i} feeds four chains.
     *
     * @param v {@code [D, 16]}, not modified
     * @param z {@code [m, D]} pairs, not modified
     * @param out {@code [m, 16]} at {@code outOff}, overwritten
     */
    static void dots(float[] v, long[] z, int m, int dd, float scale, float[] out, int outOff) {
        int i0 = 0; // the coordinate the loops below start from, continuing the chains in out when above 0
        if (dd >= NINE) { // the first nine coordinates with v held in registers
            PairedNineWideSums.dots(v, z, m, dd, dd == NINE ? scale : 1f, out, outOff);
            if (dd == NINE) {
                return;
            }
            i0 = NINE;
        }
        int l = 0;
        for (; l + 3 < m; l += 4) { // [m, 16] in fours
            int k = outOff + l * LANES;
            FloatVector s0 = i0 == 0 ? FloatVector.zero(S) : FloatVector.fromArray(S, out, k);
            FloatVector s1 = i0 == 0 ? FloatVector.zero(S) : FloatVector.fromArray(S, out, k + LANES);
            FloatVector s2 = i0 == 0 ? FloatVector.zero(S) : FloatVector.fromArray(S, out, k + 2 * LANES);
            FloatVector s3 = i0 == 0 ? FloatVector.zero(S) : FloatVector.fromArray(S, out, k + 3 * LANES);
            int z0 = l * dd;
            for (int i = i0; i < dd; i++) {
                FloatVector vi = FloatVector.fromArray(S, v, i * LANES);
                s0 = vi.fma(LongVector.broadcast(L64, z[z0 + i]).reinterpretAsFloats(), s0);
                s1 = vi.fma(LongVector.broadcast(L64, z[z0 + dd + i]).reinterpretAsFloats(), s1);
                s2 = vi.fma(LongVector.broadcast(L64, z[z0 + 2 * dd + i]).reinterpretAsFloats(), s2);
                s3 = vi.fma(LongVector.broadcast(L64, z[z0 + 3 * dd + i]).reinterpretAsFloats(), s3);
            }
            if (scale != 1f) {
                s0 = s0.mul(scale);
                s1 = s1.mul(scale);
                s2 = s2.mul(scale);
                s3 = s3.mul(scale);
            }
            s0.intoArray(out, k);
            s1.intoArray(out, k + LANES);
            s2.intoArray(out, k + 2 * LANES);
            s3.intoArray(out, k + 3 * LANES);
        }
        for (; l < m; l++) { // [m mod 4, 16]
            FloatVector s = i0 == 0 ? FloatVector.zero(S) : FloatVector.fromArray(S, out, outOff + l * LANES);
            for (int i = i0; i < dd; i++) {
                FloatVector zi = LongVector.broadcast(L64, z[l * dd + i]).reinterpretAsFloats();
                s = FloatVector.fromArray(S, v, i * LANES).fma(zi, s);
            }
            if (scale != 1f) {
                s = s.mul(scale);
            }
            s.intoArray(out, outOff + l * LANES);
        }
    }

    /**
     * {@code out[i] = sum_l w_l z_l[i]} for every token coordinate i, each coordinate with two chains (even and odd
     * l, the odd m's last token into the even one) added as {@code even + odd}: nine coordinates per pass on tokens at
     * least 9 wide ({@link PairedNineWideSums}), else three.
     *
     * @param w {@code [m, 16]} at {@code wOff}, not modified
     * @param z {@code [m, D]} pairs, not modified
     * @param out {@code [D, 16]} at {@code outOff}, overwritten
     */
    static void sums(float[] w, int wOff, long[] z, int m, int dd, float[] out, int outOff) {
        if (dd >= NINE) { // passes of nine coordinates, the last one ending at D
            for (int i0 = 0; i0 < dd; i0 += NINE) {
                int from = Math.min(i0, dd - NINE);
                PairedNineWideSums.sums(w, wOff, z, m, dd, from, out, outOff + from * LANES);
            }
            return;
        }
        int i = 0;
        for (; i + 2 < dd; i += 3) { // [D, 16] in threes
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector b0 = a0;
            FloatVector b1 = a0;
            FloatVector b2 = a0;
            int l = 0;
            for (; l + 1 < m; l += 2) { // [m, 16] in pairs
                FloatVector wa = FloatVector.fromArray(S, w, wOff + l * LANES);
                FloatVector wb = FloatVector.fromArray(S, w, wOff + (l + 1) * LANES);
                int za = l * dd + i;
                int zb = za + dd;
                a0 = wa.fma(LongVector.broadcast(L64, z[za]).reinterpretAsFloats(), a0);
                a1 = wa.fma(LongVector.broadcast(L64, z[za + 1]).reinterpretAsFloats(), a1);
                a2 = wa.fma(LongVector.broadcast(L64, z[za + 2]).reinterpretAsFloats(), a2);
                b0 = wb.fma(LongVector.broadcast(L64, z[zb]).reinterpretAsFloats(), b0);
                b1 = wb.fma(LongVector.broadcast(L64, z[zb + 1]).reinterpretAsFloats(), b1);
                b2 = wb.fma(LongVector.broadcast(L64, z[zb + 2]).reinterpretAsFloats(), b2);
            }
            if (l < m) { // odd m: the last token
                FloatVector wa = FloatVector.fromArray(S, w, wOff + l * LANES);
                int za = l * dd + i;
                a0 = wa.fma(LongVector.broadcast(L64, z[za]).reinterpretAsFloats(), a0);
                a1 = wa.fma(LongVector.broadcast(L64, z[za + 1]).reinterpretAsFloats(), a1);
                a2 = wa.fma(LongVector.broadcast(L64, z[za + 2]).reinterpretAsFloats(), a2);
            }
            a0.add(b0).intoArray(out, outOff + i * LANES);
            a1.add(b1).intoArray(out, outOff + (i + 1) * LANES);
            a2.add(b2).intoArray(out, outOff + (i + 2) * LANES);
        }
        for (; i < dd; i++) { // [D mod 3, 16]
            FloatVector a0 = FloatVector.zero(S);
            FloatVector b0 = a0;
            int l = 0;
            for (; l + 1 < m; l += 2) {
                FloatVector za = LongVector.broadcast(L64, z[l * dd + i]).reinterpretAsFloats();
                FloatVector zb = LongVector.broadcast(L64, z[(l + 1) * dd + i]).reinterpretAsFloats();
                a0 = FloatVector.fromArray(S, w, wOff + l * LANES).fma(za, a0);
                b0 = FloatVector.fromArray(S, w, wOff + (l + 1) * LANES).fma(zb, b0);
            }
            if (l < m) {
                FloatVector za = LongVector.broadcast(L64, z[l * dd + i]).reinterpretAsFloats();
                a0 = FloatVector.fromArray(S, w, wOff + l * LANES).fma(za, a0);
            }
            a0.add(b0).intoArray(out, outOff + i * LANES);
        }
    }
}
