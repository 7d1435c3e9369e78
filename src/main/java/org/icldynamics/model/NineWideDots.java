package org.icldynamics.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link HeadLaneSums#dots} for tokens of 8 input coordinates and one label slot (D = 9, the reference workload W):
 * the nine {@code [lanes]} coordinate vectors of {@code v} are loaded once and held in registers, and each token is
 * one chain of nine FMAs on broadcasts at constant offsets from the token's start. The bits are those of
 * {@link HeadLaneSums#dots} (each lane a chain over i in order, then the scale). Tokens go one at a time: their chains
 * are independent, so the core overlaps them (four or eight at a time measured the same). The generic loop takes the
 * token array, index and stride per coordinate (both a branch on i < d) and reloads {@code v_i} for every four tokens;
 * at W this takes about 2 cycles per 512-bit FMA, this about 1.4 (Zen 4, 32 tokens: 122 against 186 ns per call;
 * the double kernel alone on a drawn W batch, 1 thread, 15 rounds: softmax 1.075x, linear 1.062x). The float kernel's
 * 256-bit dots done this way measured no faster (1.00x), so they keep their loop.
 */
final class NineWideDots {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    private NineWideDots() {
    }

    /** Whether {@link #dots} takes these tokens: 8 input coordinates and one label slot. */
    static boolean fits(TokenRows t) {
        return t.d == 8 && t.outs == 1;
    }

    /**
     * {@code out_l = scale (sum_i v_i z_l[i])} for every attended token, as {@link HeadLaneSums#dots}.
     *
     * @param v {@code [9, lanes]} at {@code vOff}, not modified
     * @param t the prompt's tokens ({@link #fits}), not modified
     * @param out {@code [m, lanes]} at {@code outOff}, overwritten
     */
    static void dots(double[] v, int vOff, TokenRows t, int m, double scale, double[] out, int outOff) {
        DoubleVector v0 = DoubleVector.fromArray(S, v, vOff);
        DoubleVector v1 = DoubleVector.fromArray(S, v, vOff + LANES);
        DoubleVector v2 = DoubleVector.fromArray(S, v, vOff + 2 * LANES);
        DoubleVector v3 = DoubleVector.fromArray(S, v, vOff + 3 * LANES);
        DoubleVector v4 = DoubleVector.fromArray(S, v, vOff + 4 * LANES);
        DoubleVector v5 = DoubleVector.fromArray(S, v, vOff + 5 * LANES);
        DoubleVector v6 = DoubleVector.fromArray(S, v, vOff + 6 * LANES);
        DoubleVector v7 = DoubleVector.fromArray(S, v, vOff + 7 * LANES);
        DoubleVector v8 = DoubleVector.fromArray(S, v, vOff + 8 * LANES);
        double[] x = t.x;
        double[] y = t.y;
        int xs = t.xs;
        int ys = t.ys;
        boolean scaled = scale != 1.0;
        for (int l = 0; l < m; l++) { // [m, lanes], each token one chain over its 9 coordinates
            int k = t.xo + l * xs;
            DoubleVector s = DoubleVector.zero(S);
            s = v0.fma(DoubleVector.broadcast(S, x[k]), s);
            s = v1.fma(DoubleVector.broadcast(S, x[k + 1]), s);
            s = v2.fma(DoubleVector.broadcast(S, x[k + 2]), s);
            s = v3.fma(DoubleVector.broadcast(S, x[k + 3]), s);
            s = v4.fma(DoubleVector.broadcast(S, x[k + 4]), s);
            s = v5.fma(DoubleVector.broadcast(S, x[k + 5]), s);
            s = v6.fma(DoubleVector.broadcast(S, x[k + 6]), s);
            s = v7.fma(DoubleVector.broadcast(S, x[k + 7]), s);
            s = v8.fma(DoubleVector.broadcast(S, y[t.yo + l * ys]), s);
            if (scaled) {
                s = s.mul(scale);
            }
            s.intoArray(out, outOff + l * LANES);
        }
    }
}
