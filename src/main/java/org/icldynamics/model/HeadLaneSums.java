package org.icldynamics.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The token loops of {@link VectorAttentionKernel} (head index = vector lane): dot products of every attended token
 * with a {@code [D, lanes]} vector, and weighted sums of the tokens. Each lane of each result is one fixed-order chain,
 * so the bits do not depend on how tokens, coordinates or head groups are taken together; taking more of them at a time
 * only runs more independent chains side by side and shares loads. Tokens are read where {@link TokenRows} points.
 */
final class HeadLaneSums {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    private HeadLaneSums() {
    }

    /**
     * {@code out_l = scale (sum_i v_i z_l[i])} for every attended token, a chain over i in order (the input
     * coordinates, then the label slots), then one product by {@code scale} unless it is 1 (linear scores' 1/n, taken
     * here rather than in a pass of its own over {@code out}); four tokens at a time, so one load of {@code v_i}
     * feeds four independent FMA chains. W's tokens (8 inputs, one label) go to {@link NineWideDots}, the same bits.
     *
     * @param v {@code [D, lanes]} at {@code vOff}, not modified
     * @param t the prompt's tokens, not modified
     * @param out {@code [m, lanes]} at {@code outOff}, overwritten
     */
    static void dots(double[] v, int vOff, TokenRows t, int m, double scale, double[] out, int outOff) {
        if (NineWideDots.fits(t)) { // W's tokens: v held in registers
            NineWideDots.dots(v, vOff, t, m, scale, out, outOff);
            return;
        }
        int dd = t.d + t.outs;
        int l = 0;
        for (; l + 3 < m; l += 4) { // [m, lanes] in fours
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = DoubleVector.zero(S);
            DoubleVector s2 = DoubleVector.zero(S);
            DoubleVector s3 = DoubleVector.zero(S);
            for (int i = 0; i < dd; i++) { // [D] inputs, then label slots
                double[] z = t.of(i);
                int k = t.index(l, i);
                int zs = t.stride(i);
                DoubleVector vi = DoubleVector.fromArray(S, v, vOff + i * LANES);
                s0 = vi.fma(DoubleVector.broadcast(S, z[k]), s0);
                s1 = vi.fma(DoubleVector.broadcast(S, z[k + zs]), s1);
                s2 = vi.fma(DoubleVector.broadcast(S, z[k + 2 * zs]), s2);
                s3 = vi.fma(DoubleVector.broadcast(S, z[k + 3 * zs]), s3);
            }
            if (scale != 1.0) {
                s0 = s0.mul(scale);
                s1 = s1.mul(scale);
                s2 = s2.mul(scale);
                s3 = s3.mul(scale);
            }
            int at = outOff + l * LANES;
            s0.intoArray(out, at);
            s1.intoArray(out, at + LANES);
            s2.intoArray(out, at + 2 * LANES);
            s3.intoArray(out, at + 3 * LANES);
        }
        dotsOneByOne(v, vOff, t, l, m, scale, out, outOff);
    }

    /**
     * {@link #dots} for two head groups at once, {@code v = [2, D, lanes]} into {@code out = [2, m, lanes]} (each
     * group's bits as {@link #dots} gives them): one broadcast of a token coordinate feeds both groups' FMAs, eight
     * chains side by side.
     *
     * @param v {@code [2, D, lanes]}, group 1 at {@code v1Off}; not modified
     * @param out overwritten: group 0 at {@code [out0, out0 + m lanes)}, group 1 at {@code [out1, ...)}
     */
    static void dotsPair(double[] v, int v1Off, TokenRows t, int m, double scale, double[] out, int out0, int out1) {
        int dd = t.d + t.outs;
        int l = 0;
        for (; l + 3 < m; l += 4) { // [m, lanes] in fours, both groups
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = DoubleVector.zero(S);
            DoubleVector s2 = DoubleVector.zero(S);
            DoubleVector s3 = DoubleVector.zero(S);
            DoubleVector r0 = DoubleVector.zero(S);
            DoubleVector r1 = DoubleVector.zero(S);
            DoubleVector r2 = DoubleVector.zero(S);
            DoubleVector r3 = DoubleVector.zero(S);
            for (int i = 0; i < dd; i++) { // [D] inputs, then label slots
                double[] z = t.of(i);
                int k = t.index(l, i);
                int zs = t.stride(i);
                DoubleVector b0 = DoubleVector.broadcast(S, z[k]);
                DoubleVector b1 = DoubleVector.broadcast(S, z[k + zs]);
                DoubleVector b2 = DoubleVector.broadcast(S, z[k + 2 * zs]);
                DoubleVector b3 = DoubleVector.broadcast(S, z[k + 3 * zs]);
                DoubleVector vi = DoubleVector.fromArray(S, v, i * LANES);
                DoubleVector wi = DoubleVector.fromArray(S, v, v1Off + i * LANES);
                s0 = vi.fma(b0, s0);
                r0 = wi.fma(b0, r0);
                s1 = vi.fma(b1, s1);
                r1 = wi.fma(b1, r1);
                s2 = vi.fma(b2, s2);
                r2 = wi.fma(b2, r2);
                s3 = vi.fma(b3, s3);
                r3 = wi.fma(b3, r3);
            }
            if (scale != 1.0) {
                s0 = s0.mul(scale);
                s1 = s1.mul(scale);
                s2 = s2.mul(scale);
                s3 = s3.mul(scale);
                r0 = r0.mul(scale);
                r1 = r1.mul(scale);
                r2 = r2.mul(scale);
                r3 = r3.mul(scale);
            }
            int k0 = out0 + l * LANES;
            int k1 = out1 + l * LANES;
            s0.intoArray(out, k0);
            r0.intoArray(out, k1);
            s1.intoArray(out, k0 + LANES);
            r1.intoArray(out, k1 + LANES);
            s2.intoArray(out, k0 + 2 * LANES);
            r2.intoArray(out, k1 + 2 * LANES);
            s3.intoArray(out, k0 + 3 * LANES);
            r3.intoArray(out, k1 + 3 * LANES);
        }
        dotsOneByOne(v, 0, t, l, m, scale, out, out0);
        dotsOneByOne(v, v1Off, t, l, m, scale, out, out1);
    }

    /** {@link #dots} for tokens {@code [from, m)}, one at a time. */
    private static void dotsOneByOne(double[] v, int vOff, TokenRows t, int from, int m, double scale, double[] out,
                                     int outOff) {
        int dd = t.d + t.outs;
        for (int l = from; l < m; l++) { // [m mod 4, lanes]
            DoubleVector s = DoubleVector.zero(S);
            for (int i = 0; i < dd; i++) {
                DoubleVector ti = DoubleVector.broadcast(S, t.of(i)[t.index(l, i)]);
                s = DoubleVector.fromArray(S, v, vOff + i * LANES).fma(ti, s);
            }
            if (scale != 1.0) {
                s = s.mul(scale);
            }
            s.intoArray(out, outOff + l * LANES);
        }
    }

    /**
     * {@code out[i] = sum_l w_l z_l[i]} for every token coordinate i: the input coordinates, then the label slots.
     *
     * @param w {@code [m, lanes]} at {@code wOff}, not modified
     * @param t the prompt's tokens, not modified
     * @param out {@code [D, lanes]} at {@code outOff}, overwritten
     */
    static void sums(double[] w, int wOff, TokenRows t, int m, double[] out, int outOff) {
        sums(w, wOff, t.x, t.xo, t.xs, t.d, m, out, outOff);
        sums(w, wOff, t.y, t.yo, t.ys, t.outs, m, out, outOff + t.d * LANES);
    }

    /**
     * {@code out[i] = sum_l w_l z[zo + l * zs + i]} for coordinates {@code i < count}, each with four accumulators
     * (l mod 4, the rest of m into the first) added as {@code (a0 + a1) + (a2 + a3)}: a fixed order per coordinate,
     * whatever coordinates are computed together. Four coordinates per pass ({@link #sumsOfFour}), then pairs, so one
     * load of {@code w_l} feeds four (two) FMAs and 16 (eight) independent chains hide the FMA latency.
     *
     * @param w {@code [m, lanes]} at {@code wOff}, not modified
     * @param z token l's coordinates at {@code zo + l * zs}, not modified
     * @param out {@code [count, lanes]} at {@code outOff}, overwritten
     */
    private static void sums(double[] w, int wOff, double[] z, int zo, int zs, int count, int m, double[] out,
                                  int outOff) {
        int i = 0;
        for (; i + 3 < count; i += 4) { // [count, lanes] in fours
            sumsOfFour(w, wOff, z, zo + i, zs, m, out, outOff + i * LANES);
        }
        for (; i + 1 < count; i += 2) { // [count mod 4, lanes] in pairs
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = DoubleVector.zero(S);
            DoubleVector a2 = DoubleVector.zero(S);
            DoubleVector a3 = DoubleVector.zero(S);
            DoubleVector b0 = DoubleVector.zero(S);
            DoubleVector b1 = DoubleVector.zero(S);
            DoubleVector b2 = DoubleVector.zero(S);
            DoubleVector b3 = DoubleVector.zero(S);
            int l = 0;
            for (; l + 3 < m; l += 4) { // [m, lanes] in fours
                int k = wOff + l * LANES;
                int zi = zo + l * zs + i;
                DoubleVector w0 = DoubleVector.fromArray(S, w, k);
                DoubleVector w1 = DoubleVector.fromArray(S, w, k + LANES);
                DoubleVector w2 = DoubleVector.fromArray(S, w, k + 2 * LANES);
                DoubleVector w3 = DoubleVector.fromArray(S, w, k + 3 * LANES);
                a0 = w0.fma(DoubleVector.broadcast(S, z[zi]), a0);
                b0 = w0.fma(DoubleVector.broadcast(S, z[zi + 1]), b0);
                a1 = w1.fma(DoubleVector.broadcast(S, z[zi + zs]), a1);
                b1 = w1.fma(DoubleVector.broadcast(S, z[zi + zs + 1]), b1);
                a2 = w2.fma(DoubleVector.broadcast(S, z[zi + 2 * zs]), a2);
                b2 = w2.fma(DoubleVector.broadcast(S, z[zi + 2 * zs + 1]), b2);
                a3 = w3.fma(DoubleVector.broadcast(S, z[zi + 3 * zs]), a3);
                b3 = w3.fma(DoubleVector.broadcast(S, z[zi + 3 * zs + 1]), b3);
            }
            for (; l < m; l++) { // [m mod 4, lanes]
                DoubleVector wl = DoubleVector.fromArray(S, w, wOff + l * LANES);
                a0 = wl.fma(DoubleVector.broadcast(S, z[zo + l * zs + i]), a0);
                b0 = wl.fma(DoubleVector.broadcast(S, z[zo + l * zs + i + 1]), b0);
            }
            a0.add(a1).add(a2.add(a3)).intoArray(out, outOff + i * LANES);
            b0.add(b1).add(b2.add(b3)).intoArray(out, outOff + (i + 1) * LANES);
        }
        if (i < count) { // odd count: the last coordinate
            sum(w, wOff, z, zo + i, zs, m, out, outOff + i * LANES);
        }
    }

    /**
     * {@link #sums} of the four coordinates {@code z[zo + l * zs + c]}, {@code c < 4}: one load of {@code w_l} feeds
     * four FMAs (the pairs' two, 0.5 loads of a weight vector per FMA, left the token loop at about 2 cycles per
     * 512-bit FMA at W; this pass measured 135-147 against 157-173 ns for W's 8 input coordinates and label, Zen 4).
     *
     * @param out {@code [4, lanes]} at {@code outOff}, overwritten
     */
    private static void sumsOfFour(double[] w, int wOff, double[] z, int zo, int zs, int m, double[] out, int outOff) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector b0 = a0;
        DoubleVector b1 = a0;
        DoubleVector b2 = a0;
        DoubleVector b3 = a0;
        DoubleVector c0 = a0;
        DoubleVector c1 = a0;
        DoubleVector c2 = a0;
        DoubleVector c3 = a0;
        DoubleVector e0 = a0;
        DoubleVector e1 = a0;
        DoubleVector e2 = a0;
        DoubleVector e3 = a0;
        int l = 0;
        for (; l + 3 < m; l += 4) { // [m, lanes] in fours, token l + r into the chains r
            int k = wOff + l * LANES;
            int z0 = zo + l * zs;
            DoubleVector w0 = DoubleVector.fromArray(S, w, k);
            a0 = w0.fma(DoubleVector.broadcast(S, z[z0]), a0);
            b0 = w0.fma(DoubleVector.broadcast(S, z[z0 + 1]), b0);
            c0 = w0.fma(DoubleVector.broadcast(S, z[z0 + 2]), c0);
            e0 = w0.fma(DoubleVector.broadcast(S, z[z0 + 3]), e0);
            int z1 = z0 + zs;
            DoubleVector w1 = DoubleVector.fromArray(S, w, k + LANES);
            a1 = w1.fma(DoubleVector.broadcast(S, z[z1]), a1);
            b1 = w1.fma(DoubleVector.broadcast(S, z[z1 + 1]), b1);
            c1 = w1.fma(DoubleVector.broadcast(S, z[z1 + 2]), c1);
            e1 = w1.fma(DoubleVector.broadcast(S, z[z1 + 3]), e1);
            int z2 = z1 + zs;
            DoubleVector w2 = DoubleVector.fromArray(S, w, k + 2 * LANES);
            a2 = w2.fma(DoubleVector.broadcast(S, z[z2]), a2);
            b2 = w2.fma(DoubleVector.broadcast(S, z[z2 + 1]), b2);
            c2 = w2.fma(DoubleVector.broadcast(S, z[z2 + 2]), c2);
            e2 = w2.fma(DoubleVector.broadcast(S, z[z2 + 3]), e2);
            int z3 = z2 + zs;
            DoubleVector w3 = DoubleVector.fromArray(S, w, k + 3 * LANES);
            a3 = w3.fma(DoubleVector.broadcast(S, z[z3]), a3);
            b3 = w3.fma(DoubleVector.broadcast(S, z[z3 + 1]), b3);
            c3 = w3.fma(DoubleVector.broadcast(S, z[z3 + 2]), c3);
            e3 = w3.fma(DoubleVector.broadcast(S, z[z3 + 3]), e3);
        }
        for (; l < m; l++) { // [m mod 4, lanes] into the chains 0
            DoubleVector wl = DoubleVector.fromArray(S, w, wOff + l * LANES);
            int zl = zo + l * zs;
            a0 = wl.fma(DoubleVector.broadcast(S, z[zl]), a0);
            b0 = wl.fma(DoubleVector.broadcast(S, z[zl + 1]), b0);
            c0 = wl.fma(DoubleVector.broadcast(S, z[zl + 2]), c0);
            e0 = wl.fma(DoubleVector.broadcast(S, z[zl + 3]), e0);
        }
        a0.add(a1).add(a2.add(a3)).intoArray(out, outOff);
        b0.add(b1).add(b2.add(b3)).intoArray(out, outOff + LANES);
        c0.add(c1).add(c2.add(c3)).intoArray(out, outOff + 2 * LANES);
        e0.add(e1).add(e2.add(e3)).intoArray(out, outOff + 3 * LANES);
    }

    /**
     * {@code out = sum_l w_l z[zo + l * zs]} over the attended tokens, with four independent accumulators (l mod 4) so
     * the sum is not one long chain of dependent FMAs (the kernel's latency bottleneck); the order is fixed.
     *
     * @param w {@code [m, lanes]} at {@code wOff}, not modified
     * @param z not modified
     * @param out overwritten at {@code [outOff, outOff + lanes)}
     */
    private static void sum(double[] w, int wOff, double[] z, int zo, int zs, int m, double[] out, int outOff) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = DoubleVector.zero(S);
        DoubleVector a2 = DoubleVector.zero(S);
        DoubleVector a3 = DoubleVector.zero(S);
        int l = 0;
        for (; l + 3 < m; l += 4) { // [m, lanes] in fours
            int k = wOff + l * LANES;
            int zl = zo + l * zs;
            a0 = DoubleVector.fromArray(S, w, k).fma(DoubleVector.broadcast(S, z[zl]), a0);
            a1 = DoubleVector.fromArray(S, w, k + LANES).fma(DoubleVector.broadcast(S, z[zl + zs]), a1);
            a2 = DoubleVector.fromArray(S, w, k + 2 * LANES).fma(DoubleVector.broadcast(S, z[zl + 2 * zs]), a2);
            a3 = DoubleVector.fromArray(S, w, k + 3 * LANES).fma(DoubleVector.broadcast(S, z[zl + 3 * zs]), a3);
        }
        for (; l < m; l++) { // [m mod 4, lanes]
            a0 = DoubleVector.fromArray(S, w, wOff + l * LANES).fma(DoubleVector.broadcast(S, z[zo + l * zs]), a0);
        }
        a0.add(a1).add(a2.add(a3)).intoArray(out, outOff);
    }
}
