package org.icldynamics.data;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LinearPromptDraw}'s context tokens for a diagonal factor, {@link #L} tokens at a time in the machine's vectors
 * (8 doubles with AVX-512, 4 with AVX2), with the bits of the one-token-at-a-time loop: {@code x_ij = f_j g_ij} is one
 * multiply per lane, and {@code y_i = w . x_i + se eps_i} keeps its order (from {@code +0.0}, {@code + w_j x_ij} in
 * ascending j, each product and sum rounded, then {@code + se eps_i}) with the token as the lane: an {@code L x L}
 * block of inputs (rows = tokens, lanes = coordinates, as they are stored) is turned into columns (lanes = tokens)
 * by {@code log2 L} rounds of two-vector rearrangements. Loaded only when the vector module is present.
 *
 * <p>Measured (Zen 4, AVX-512, d 8, n 32): in the 1-thread softmax double W step, drawing every prompt's tokens a
 * second time added 0.12 ms per step with these lanes and 0.21 ms with four tokens side by side in scalars, which
 * load, multiply and store one coordinate at a time; the step itself went from 1.75 to 1.69-1.73 ms (README, Session
 * 15).
 */
final class DiagonalTokenLanes {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Tokens per vector, and the coordinates per block of them. */
    static final int L = S.length();
    /** The rearrangements of the rounds with blocks of 1, 2 and 4 lanes ({@link #selection}): first and second. */
    private static final VectorShuffle<Double> LO0 = selection(1, false);
    private static final VectorShuffle<Double> HI0 = selection(1, true);
    private static final VectorShuffle<Double> LO1 = selection(2, false);
    private static final VectorShuffle<Double> HI1 = selection(2, true);
    private static final VectorShuffle<Double> LO2 = selection(4, false);
    private static final VectorShuffle<Double> HI2 = selection(4, true);

    private DiagonalTokenLanes() {
    }

    /** Whether a prompt of input dimension d goes through here: vectors of 4 or 8 doubles and d a multiple of them. */
    static boolean suits(int d) {
        return (L == 4 || L == 8) && d % L == 0;
    }

    /** The gather offsets of one block's label noises: token t's at {@code t (d + 1)} past the first's. */
    static int[] noiseOffsets(int d) {
        int[] o = new int[L];
        for (int t = 0; t < L; t++) {
            o[t] = t * (d + 1);
        }
        return o;
    }

    /**
     * Tokens {@code [0, m / L * L)} of one prompt: per token {@code d} normals then its label noise in {@code g} from
     * {@code k}; inputs to {@code xs[xo + i d + j]}, labels to {@code ys[yo + i]}.
     *
     * @param noise {@link #noiseOffsets}{@code (d)}
     * @return the number of tokens written
     */
    static int write(double[] g, int k, double[] diag, double se, double[] w, int wo, double[] xs, int xo,
                     double[] ys, int yo, int d, int m, int[] noise) {
        int whole = m / L * L;
        if (L == 8) {
            write8(g, k, diag, se, w, wo, xs, xo, ys, yo, d, whole, noise);
        } else {
            write4(g, k, diag, se, w, wo, xs, xo, ys, yo, d, whole, noise);
        }
        return whole;
    }

    /** Blocks of 8 tokens, each as 8 x 8 blocks: stores the inputs, sums the labels in coordinate order. */
    private static void write8(double[] g, int k, double[] diag, double se, double[] w, int wo, double[] xs,
                               int xo, double[] ys, int yo, int d, int whole, int[] noise) {
        int gs = d + 1;
        for (int jb = 0; jb < d; jb += 8) { // [8, 8] (token, coordinate) blocks, coordinates outer
            DoubleVector f = DoubleVector.fromArray(S, diag, jb);
            int wj = wo + jb;
            for (int i = 0; i < whole; i += 8) {
                int gj = k + i * gs + jb;
                int xj = xo + i * d + jb;
                DoubleVector s = jb == 0 ? DoubleVector.zero(S) : DoubleVector.fromArray(S, ys, yo + i);
                DoubleVector r0 = f.mul(DoubleVector.fromArray(S, g, gj));
                DoubleVector r1 = f.mul(DoubleVector.fromArray(S, g, gj + gs));
                DoubleVector r2 = f.mul(DoubleVector.fromArray(S, g, gj + 2 * gs));
                DoubleVector r3 = f.mul(DoubleVector.fromArray(S, g, gj + 3 * gs));
                DoubleVector r4 = f.mul(DoubleVector.fromArray(S, g, gj + 4 * gs));
                DoubleVector r5 = f.mul(DoubleVector.fromArray(S, g, gj + 5 * gs));
                DoubleVector r6 = f.mul(DoubleVector.fromArray(S, g, gj + 6 * gs));
                DoubleVector r7 = f.mul(DoubleVector.fromArray(S, g, gj + 7 * gs));
                r0.intoArray(xs, xj);
                r1.intoArray(xs, xj + d);
                r2.intoArray(xs, xj + 2 * d);
                r3.intoArray(xs, xj + 3 * d);
                r4.intoArray(xs, xj + 4 * d);
                r5.intoArray(xs, xj + 5 * d);
                r6.intoArray(xs, xj + 6 * d);
                r7.intoArray(xs, xj + 7 * d);
                DoubleVector a0 = r0.rearrange(LO0, r1); // coordinates 0, 2, 4, 6 of tokens 0, 1
                DoubleVector a1 = r0.rearrange(HI0, r1); // 1, 3, 5, 7
                DoubleVector a2 = r2.rearrange(LO0, r3);
                DoubleVector a3 = r2.rearrange(HI0, r3);
                DoubleVector a4 = r4.rearrange(LO0, r5);
                DoubleVector a5 = r4.rearrange(HI0, r5);
                DoubleVector a6 = r6.rearrange(LO0, r7);
                DoubleVector a7 = r6.rearrange(HI0, r7);
                DoubleVector b0 = a0.rearrange(LO1, a2); // coordinates 0, 4 of tokens 0..3
                DoubleVector b2 = a0.rearrange(HI1, a2); // 2, 6
                DoubleVector b1 = a1.rearrange(LO1, a3); // 1, 5
                DoubleVector b3 = a1.rearrange(HI1, a3); // 3, 7
                DoubleVector b4 = a4.rearrange(LO1, a6);
                DoubleVector b6 = a4.rearrange(HI1, a6);
                DoubleVector b5 = a5.rearrange(LO1, a7);
                DoubleVector b7 = a5.rearrange(HI1, a7);
                s = s.add(b0.rearrange(LO2, b4).mul(w[wj])); // coordinate 0 of tokens 0..7
                s = s.add(b1.rearrange(LO2, b5).mul(w[wj + 1]));
                s = s.add(b2.rearrange(LO2, b6).mul(w[wj + 2]));
                s = s.add(b3.rearrange(LO2, b7).mul(w[wj + 3]));
                s = s.add(b0.rearrange(HI2, b4).mul(w[wj + 4]));
                s = s.add(b1.rearrange(HI2, b5).mul(w[wj + 5]));
                s = s.add(b2.rearrange(HI2, b6).mul(w[wj + 6]));
                s = s.add(b3.rearrange(HI2, b7).mul(w[wj + 7]));
                if (jb + 8 < d) {
                    s.intoArray(ys, yo + i); // the sum so far, continued by the next block of coordinates
                } else {
                    s.add(DoubleVector.fromArray(S, g, k + i * gs + d, noise, 0).mul(se)).intoArray(ys, yo + i);
                }
            }
        }
    }

    /** Blocks of 4 tokens, as {@link #write8}. */
    private static void write4(double[] g, int k, double[] diag, double se, double[] w, int wo, double[] xs,
                               int xo, double[] ys, int yo, int d, int whole, int[] noise) {
        int gs = d + 1;
        for (int jb = 0; jb < d; jb += 4) { // [4, 4] (token, coordinate) blocks, coordinates outer
            DoubleVector f = DoubleVector.fromArray(S, diag, jb);
            int wj = wo + jb;
            for (int i = 0; i < whole; i += 4) {
                int gj = k + i * gs + jb;
                int xj = xo + i * d + jb;
                DoubleVector s = jb == 0 ? DoubleVector.zero(S) : DoubleVector.fromArray(S, ys, yo + i);
                DoubleVector r0 = f.mul(DoubleVector.fromArray(S, g, gj));
                DoubleVector r1 = f.mul(DoubleVector.fromArray(S, g, gj + gs));
                DoubleVector r2 = f.mul(DoubleVector.fromArray(S, g, gj + 2 * gs));
                DoubleVector r3 = f.mul(DoubleVector.fromArray(S, g, gj + 3 * gs));
                r0.intoArray(xs, xj);
                r1.intoArray(xs, xj + d);
                r2.intoArray(xs, xj + 2 * d);
                r3.intoArray(xs, xj + 3 * d);
                DoubleVector a0 = r0.rearrange(LO0, r1); // coordinates 0, 2 of tokens 0, 1
                DoubleVector a1 = r0.rearrange(HI0, r1); // 1, 3
                DoubleVector a2 = r2.rearrange(LO0, r3);
                DoubleVector a3 = r2.rearrange(HI0, r3);
                s = s.add(a0.rearrange(LO1, a2).mul(w[wj])); // coordinate 0 of tokens 0..3
                s = s.add(a1.rearrange(LO1, a3).mul(w[wj + 1]));
                s = s.add(a0.rearrange(HI1, a2).mul(w[wj + 2]));
                s = s.add(a1.rearrange(HI1, a3).mul(w[wj + 3]));
                if (jb + 4 < d) {
                    s.intoArray(ys, yo + i); // the sum so far, continued by the next block of coordinates
                } else {
                    s.add(DoubleVector.fromArray(S, g, k + i * gs + d, noise, 0).mul(se)).intoArray(ys, yo + i);
                }
            }
        }
    }

    /**
     * Lane q of the round with blocks of h lanes: {@code a} and {@code b}'s blocks interleaved, the even-numbered
     * blocks of each ({@code hi} false) or the odd ones, for {@code a.rearrange(shuffle, b)}: index {@code L + i}
     * (stored as the exceptional {@code i - L}) is lane i of the second vector.
     */
    private static VectorShuffle<Double> selection(int h, boolean hi) {
        int[] ix = new int[L];
        for (int q = 0; q < L; q++) {
            boolean first = (q / h) % 2 == 0;
            ix[q] = hi ? (first ? q + h : q + L) : (first ? q : q - h + L);
        }
        return VectorShuffle.fromArray(S, ix, 0);
    }
}
