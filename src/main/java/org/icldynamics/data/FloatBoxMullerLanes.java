package org.icldynamics.data;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatBoxMullerBlock}'s blocks with its lanes side by side in the machine's widest vectors (16 floats with
 * AVX-512, 8 with AVX2): the same IEEE operations per lane in the same order, so the same bits. A long vector of the
 * same size, read as ints, holds the 32-bit halves in the block's lane order (low half first). Loaded only when the
 * vector module is present.
 */
final class FloatBoxMullerLanes {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int W = F.length();
    // the polynomials' coefficients as constant vectors, as in BoxMullerLanes
    private static final FloatVector A0 = FloatVector.broadcast(F, FloatBoxMullerBlock.A0);
    private static final FloatVector A1 = FloatVector.broadcast(F, FloatBoxMullerBlock.A1);
    private static final FloatVector A2 = FloatVector.broadcast(F, FloatBoxMullerBlock.A2);
    private static final FloatVector A3 = FloatVector.broadcast(F, FloatBoxMullerBlock.A3);
    private static final FloatVector C0 = FloatVector.broadcast(F, FloatBoxMullerBlock.C0);
    private static final FloatVector C1 = FloatVector.broadcast(F, FloatBoxMullerBlock.C1);
    private static final FloatVector C2 = FloatVector.broadcast(F, FloatBoxMullerBlock.C2);
    private static final FloatVector C3 = FloatVector.broadcast(F, FloatBoxMullerBlock.C3);
    private static final FloatVector C4 = FloatVector.broadcast(F, FloatBoxMullerBlock.C4);
    private static final FloatVector S0 = FloatVector.broadcast(F, FloatBoxMullerBlock.S0);
    private static final FloatVector S1 = FloatVector.broadcast(F, FloatBoxMullerBlock.S1);
    private static final FloatVector S2 = FloatVector.broadcast(F, FloatBoxMullerBlock.S2);
    private static final FloatVector S3 = FloatVector.broadcast(F, FloatBoxMullerBlock.S3);
    private static final FloatVector S4 = FloatVector.broadcast(F, FloatBoxMullerBlock.S4);
    private static final FloatVector MINUS_TWO_LN2_HI = FloatVector.broadcast(F, FloatBoxMullerBlock.MINUS_TWO_LN2_HI);
    private static final FloatVector MINUS_TWO_LN2_LO = FloatVector.broadcast(F, FloatBoxMullerBlock.MINUS_TWO_LN2_LO);

    private FloatBoxMullerLanes() {
    }

    /** Whether the machine's vectors divide a block's 16 lanes, with longs and doubles of the same size. */
    static boolean suits() {
        return W >= 4 && FloatBoxMullerBlock.LANES % W == 0 && L.length() * 2 == W && D.length() * 2 == W;
    }

    /**
     * Writes {@code blocks} consecutive blocks, the first on outputs after state {@code s}, to {@code out} from
     * {@code at}; returns the state after them.
     */
    static long fill(long s, long g, double[] out, int at, int blocks) {
        LongVector steps = firstSteps(g);
        FloatVector half = FloatVector.broadcast(F, 0.5f);
        FloatVector minusHalf = FloatVector.broadcast(F, -0.5f);
        FloatVector scale = FloatVector.broadcast(F, FloatBoxMullerBlock.TWO_POW_M31);
        FloatVector offset = FloatVector.broadcast(F, FloatBoxMullerBlock.TWO_POW_M32);
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < FloatBoxMullerBlock.LANES; j += W) {
                LongVector la = steps.add(s + (j / 2) * g); // SplitMix64's output function, written out twice
                la = la.lanewise(VectorOperators.XOR, la.lanewise(VectorOperators.LSHR, 30)).mul(0xbf58476d1ce4e5b9L);
                la = la.lanewise(VectorOperators.XOR, la.lanewise(VectorOperators.LSHR, 27)).mul(0x94d049bb133111ebL);
                IntVector a = la.lanewise(VectorOperators.XOR, la.lanewise(VectorOperators.LSHR, 31))
                        .reinterpretAsInts();
                FloatVector u = ((FloatVector) a.lanewise(VectorOperators.LSHR, 1).convert(VectorOperators.I2F, 0))
                        .fma(scale, offset);
                IntVector ix = u.reinterpretAsInts().add(FloatBoxMullerBlock.OCTAVE_SHIFT);
                FloatVector e = (FloatVector) ix.lanewise(VectorOperators.ASHR, 23).sub(127)
                        .convert(VectorOperators.I2F, 0);
                FloatVector m = ix.and(FloatBoxMullerBlock.FRACTION).add(FloatBoxMullerBlock.SQRT_HALF_BITS)
                        .reinterpretAsFloats();
                FloatVector f = m.sub(1f);
                FloatVector sv = f.div(f.add(2f));
                FloatVector z = sv.mul(sv);
                FloatVector p = z.mul(z).fma(z.fma(A3, A2), z.fma(A1, A0));
                FloatVector minusFourS = sv.mul(-4f);
                FloatVector r = e.fma(MINUS_TWO_LN2_HI, minusFourS.fma(z.mul(p), e.fma(MINUS_TWO_LN2_LO, minusFourS)))
                        .lanewise(VectorOperators.SQRT);
                LongVector lc = steps.add(s + (j / 2 + FloatBoxMullerBlock.OUTPUTS / 2) * g);
                lc = lc.lanewise(VectorOperators.XOR, lc.lanewise(VectorOperators.LSHR, 30)).mul(0xbf58476d1ce4e5b9L);
                lc = lc.lanewise(VectorOperators.XOR, lc.lanewise(VectorOperators.LSHR, 27)).mul(0x94d049bb133111ebL);
                IntVector c = lc.lanewise(VectorOperators.XOR, lc.lanewise(VectorOperators.LSHR, 31))
                        .reinterpretAsInts();
                FloatVector x = c.lanewise(VectorOperators.LSHR, 9).or(FloatBoxMullerBlock.ONE_BITS)
                        .reinterpretAsFloats().fma(half, minusHalf);
                FloatVector t = x.mul(x);
                FloatVector t2 = t.mul(t);
                FloatVector t4 = t2.mul(t2);
                IntVector cl = t4.fma(C4, t2.fma(t.fma(C3, C2), t.fma(C1, C0))).reinterpretAsInts();
                IntVector sl = x.mul(t4.fma(S4, t2.fma(t.fma(S3, S2), t.fma(S1, S0)))).reinterpretAsInts();
                // the octant: bit 0 of c swaps, bits 1 and 2 negate
                IntVector swap = cl.lanewise(VectorOperators.XOR, sl).and(c.lanewise(VectorOperators.LSHL, 31)
                        .lanewise(VectorOperators.ASHR, 31));
                IntVector first = cl.lanewise(VectorOperators.XOR, swap).lanewise(VectorOperators.XOR,
                        c.lanewise(VectorOperators.LSHL, 30).and(FloatBoxMullerBlock.SIGN));
                IntVector second = sl.lanewise(VectorOperators.XOR, swap).lanewise(VectorOperators.XOR,
                        c.lanewise(VectorOperators.LSHL, 29).and(FloatBoxMullerBlock.SIGN));
                // widened in place: through a method, the JIT stopped compiling the products as vectors (inlining
                // depth; 1.9 against 0.69 ns per normal)
                FloatVector n1 = r.mul(first.reinterpretAsFloats());
                FloatVector n2 = r.mul(second.reinterpretAsFloats());
                int k = at + j;
                ((DoubleVector) n1.convert(VectorOperators.F2D, 0)).intoArray(out, k);
                ((DoubleVector) n1.convert(VectorOperators.F2D, 1)).intoArray(out, k + W / 2);
                k += FloatBoxMullerBlock.LANES;
                ((DoubleVector) n2.convert(VectorOperators.F2D, 0)).intoArray(out, k);
                ((DoubleVector) n2.convert(VectorOperators.F2D, 1)).intoArray(out, k + W / 2);
            }
            s += FloatBoxMullerBlock.OUTPUTS * g;
            at += FloatBoxMullerBlock.SIZE;
        }
        return s;
    }

    /** Lane k: {@code (k + 1) g}. */
    private static LongVector firstSteps(long g) {
        long[] k = new long[L.length()];
        for (int j = 0; j < k.length; j++) {
            k[j] = (j + 1) * g;
        }
        return LongVector.fromArray(L, k, 0);
    }
}
