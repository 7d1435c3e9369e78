package org.icldynamics.data;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LinearPromptDraw}'s context tokens for a diagonal factor, {@link #L} tokens at a time in the machine's vectors
 * (8 doubles with AVX-512, 4 with AVX2), with the bits of the one-token-at-a-time loop: {@code x_ij = f_j g_ij} is one
 * multiply per lane, and {@code y_i = w . x_i + se eps_i} keeps its order (from {@code +0.0}, {@code + w_j x_ij} in
 * ascending j, each product and sum rounded, then {@code + se eps_i}) with the token as the lane: an {@code L x L}
 * block of inputs (rows = tokens, lanes = coordinates, as they are stored) is turned into columns (lanes = tokens)
 * by {@code log2 L} rounds of rearrangements, each one permutation and one blend ({@link #moved}). Loaded only when
 * the vector module is present.
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
    /**
     * The rounds with blocks of 1, 2 and 4 lanes ({@link #moved}): each vector's lanes moved up (UP) or down (DN) by
     * one block, and the lanes of the odd-numbered blocks (M).
     */
    private static final VectorShuffle<Double> UP0 = moved(-1);
    private static final VectorShuffle<Double> DN0 = moved(1);
    private static final VectorShuffle<Double> UP1 = moved(-2);
    private static final VectorShuffle<Double> DN1 = moved(2);
    private static final VectorShuffle<Double> UP2 = moved(-4);
    private static final VectorShuffle<Double> DN2 = moved(4);
    private static final VectorMask<Double> M0 = oddBlocks(1);
    private static final VectorMask<Double> M1 = oddBlocks(2);
    private static final VectorMask<Double> M2 = oddBlocks(4);

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
                DoubleVector a0 = r0.blend(r1.rearrange(UP0), M0); // coordinates 0, 2, 4, 6 of tokens 0, 1
                DoubleVector a1 = r0.rearrange(DN0).blend(r1, M0); // 1, 3, 5, 7
                DoubleVector a2 = r2.blend(r3.rearrange(UP0), M0);
                DoubleVector a3 = r2.rearrange(DN0).blend(r3, M0);
                DoubleVector a4 = r4.blend(r5.rearrange(UP0), M0);
                DoubleVector a5 = r4.rearrange(DN0).blend(r5, M0);
                DoubleVector a6 = r6.blend(r7.rearrange(UP0), M0);
                DoubleVector a7 = r6.rearrange(DN0).blend(r7, M0);
                DoubleVector b0 = a0.blend(a2.rearrange(UP1), M1); // coordinates 0, 4 of tokens 0..3
                DoubleVector b2 = a0.rearrange(DN1).blend(a2, M1); // 2, 6
                DoubleVector b1 = a1.blend(a3.rearrange(UP1), M1); // 1, 5
                DoubleVector b3 = a1.rearrange(DN1).blend(a3, M1); // 3, 7
                DoubleVector b4 = a4.blend(a6.rearrange(UP1), M1);
                DoubleVector b6 = a4.rearrange(DN1).blend(a6, M1);
                DoubleVector b5 = a5.blend(a7.rearrange(UP1), M1);
                DoubleVector b7 = a5.rearrange(DN1).blend(a7, M1);
                s = s.add(b0.blend(b4.rearrange(UP2), M2).mul(w[wj])); // coordinate 0 of tokens 0..7
                s = s.add(b1.blend(b5.rearrange(UP2), M2).mul(w[wj + 1]));
                s = s.add(b2.blend(b6.rearrange(UP2), M2).mul(w[wj + 2]));
                s = s.add(b3.blend(b7.rearrange(UP2), M2).mul(w[wj + 3]));
                s = s.add(b0.rearrange(DN2).blend(b4, M2).mul(w[wj + 4]));
                s = s.add(b1.rearrange(DN2).blend(b5, M2).mul(w[wj + 5]));
                s = s.add(b2.rearrange(DN2).blend(b6, M2).mul(w[wj + 6]));
                s = s.add(b3.rearrange(DN2).blend(b7, M2).mul(w[wj + 7]));
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
                DoubleVector a0 = r0.blend(r1.rearrange(UP0), M0); // coordinates 0, 2 of tokens 0, 1
                DoubleVector a1 = r0.rearrange(DN0).blend(r1, M0); // 1, 3
                DoubleVector a2 = r2.blend(r3.rearrange(UP0), M0);
                DoubleVector a3 = r2.rearrange(DN0).blend(r3, M0);
                s = s.add(a0.blend(a2.rearrange(UP1), M1).mul(w[wj])); // coordinate 0 of tokens 0..3
                s = s.add(a1.blend(a3.rearrange(UP1), M1).mul(w[wj + 1]));
                s = s.add(a0.rearrange(DN1).blend(a2, M1).mul(w[wj + 2]));
                s = s.add(a1.rearrange(DN1).blend(a3, M1).mul(w[wj + 3]));
                if (jb + 4 < d) {
                    s.intoArray(ys, yo + i); // the sum so far, continued by the next block of coordinates
                } else {
                    s.add(DoubleVector.fromArray(S, g, k + i * gs + d, noise, 0).mul(se)).intoArray(ys, yo + i);
                }
            }
        }
    }

    /**
     * The rounds' rearrangements, each one permutation and one blend of the block pair {@code a}, {@code b} with blocks
     * of h lanes: the low result takes the even-numbered blocks of both, interleaved ({@code a}'s block 2k, then
     * {@code b}'s), as {@code a.blend(b.rearrange(UP), M)}; the high result the odd-numbered ones, as
     * {@code a.rearrange(DN).blend(b, M)}. Written as the two-vector {@code a.rearrange(shuffle, b)}, each took two
     * permutations and a blend: 128 against 113 ns per prompt at d 8, 295 against 233 at d 16 (README, Session 16).
     *
     * @param by lane q takes lane {@code q + by} (mod the lane count)
     */
    private static VectorShuffle<Double> moved(int by) {
        int[] ix = new int[L];
        for (int q = 0; q < L; q++) {
            ix[q] = Math.floorMod(q + by, L);
        }
        return VectorShuffle.fromArray(S, ix, 0);
    }

    /** The lanes of the odd-numbered blocks of h lanes. */
    private static VectorMask<Double> oddBlocks(int h) {
        boolean[] odd = new boolean[L];
        for (int q = 0; q < L; q++) {
            odd[q] = (q / h) % 2 == 1;
        }
        return VectorMask.fromArray(S, odd, 0);
    }
}
