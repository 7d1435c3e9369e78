package org.icldynamics.data;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BoxMullerBlock}'s blocks with its lanes side by side in the machine's widest vectors (8 doubles with AVX-512,
 * 4 with AVX2): the same IEEE operations per lane in the same order, so the same bits. Loaded only when the vector
 * module is present ({@link Normals}).
 */
final class BoxMullerLanes {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final int W = D.length();
    // the polynomials' coefficients as constant vectors: broadcasts in the loops would cost the JIT's node budget
    private static final DoubleVector A0 = DoubleVector.broadcast(D, BoxMullerBlock.A0);
    private static final DoubleVector A1 = DoubleVector.broadcast(D, BoxMullerBlock.A1);
    private static final DoubleVector A2 = DoubleVector.broadcast(D, BoxMullerBlock.A2);
    private static final DoubleVector A3 = DoubleVector.broadcast(D, BoxMullerBlock.A3);
    private static final DoubleVector A4 = DoubleVector.broadcast(D, BoxMullerBlock.A4);
    private static final DoubleVector A5 = DoubleVector.broadcast(D, BoxMullerBlock.A5);
    private static final DoubleVector A6 = DoubleVector.broadcast(D, BoxMullerBlock.A6);
    private static final DoubleVector C0 = DoubleVector.broadcast(D, BoxMullerBlock.C0);
    private static final DoubleVector C1 = DoubleVector.broadcast(D, BoxMullerBlock.C1);
    private static final DoubleVector C2 = DoubleVector.broadcast(D, BoxMullerBlock.C2);
    private static final DoubleVector C3 = DoubleVector.broadcast(D, BoxMullerBlock.C3);
    private static final DoubleVector C4 = DoubleVector.broadcast(D, BoxMullerBlock.C4);
    private static final DoubleVector C5 = DoubleVector.broadcast(D, BoxMullerBlock.C5);
    private static final DoubleVector C6 = DoubleVector.broadcast(D, BoxMullerBlock.C6);
    private static final DoubleVector S0 = DoubleVector.broadcast(D, BoxMullerBlock.S0);
    private static final DoubleVector S1 = DoubleVector.broadcast(D, BoxMullerBlock.S1);
    private static final DoubleVector S2 = DoubleVector.broadcast(D, BoxMullerBlock.S2);
    private static final DoubleVector S3 = DoubleVector.broadcast(D, BoxMullerBlock.S3);
    private static final DoubleVector S4 = DoubleVector.broadcast(D, BoxMullerBlock.S4);
    private static final DoubleVector S5 = DoubleVector.broadcast(D, BoxMullerBlock.S5);
    private static final DoubleVector S6 = DoubleVector.broadcast(D, BoxMullerBlock.S6);
    private static final DoubleVector MINUS_TWO_LN2_HI = DoubleVector.broadcast(D, BoxMullerBlock.MINUS_TWO_LN2_HI);
    private static final DoubleVector MINUS_TWO_LN2_LO = DoubleVector.broadcast(D, BoxMullerBlock.MINUS_TWO_LN2_LO);
    /** Blocks per pass: the radii of one pass wait in a scratch array of {@code PASS * 8} doubles. */
    static final int PASS = 64;

    private BoxMullerLanes() {
    }

    /** Whether the machine's vectors divide a half block (2, 4 or 8 doubles). */
    static boolean suits() {
        return W >= 2 && BoxMullerBlock.HALF % W == 0 && L.length() == W;
    }

    /** Whether a vector holds a half block, so that {@link #fill} takes {@link #fillByBlock}. */
    static boolean oneBlockPerVector() {
        return W == BoxMullerBlock.HALF;
    }

    /**
     * Writes {@code blocks} consecutive blocks, the first on outputs after state {@code s}, to {@code out} from
     * {@code at}; returns the state after them. With 8 doubles per vector, one pass ({@link #fillByBlock}); else two
     * passes per {@link #PASS} blocks, each a method with no calls: the radii (outputs 1..8 of each block) into
     * {@code scratch}, then the angles (outputs 9..16) and the products (in one method with its loop over the lanes of
     * a half block, the JIT stopped inlining the vector operations, its node count limit, and boxed every vector).
     *
     * @param scratch at least {@code PASS * 8} doubles, overwritten (unused with 8 doubles per vector)
     */
    static long fill(long s, long g, double[] out, int at, int blocks, double[] scratch) {
        return oneBlockPerVector() ? fillByBlock(s, g, out, at, blocks) : fillInPasses(s, g, out, at, blocks, scratch);
    }

    /** {@link #fill} in two passes per {@link #PASS} blocks, for any lane count that {@link #suits}. */
    static long fillInPasses(long s, long g, double[] out, int at, int blocks, double[] scratch) {
        for (int b = 0; b < blocks; b += PASS) {
            int n = Math.min(PASS, blocks - b);
            radii(s, g, scratch, n);
            turns(s, g, scratch, out, at + b * BoxMullerBlock.SIZE, n);
            s += n * BoxMullerBlock.SIZE * g;
        }
        return s;
    }

    /**
     * {@link #fill} when a vector holds a half block (8 doubles, AVX-512): radius and angles of a block in one pass,
     * with SplitMix's output function written out twice (as a method, the JIT stopped inlining it here: its node
     * budget). Measured in the 1-thread W step: 1.5-2% (double) and 4% (float) faster than the two passes, which stay
     * the choice on AVX2, where this pass was 3.5% slower (README, Session 15).
     */
    static long fillByBlock(long s, long g, double[] out, int at, int blocks) {
        LongVector steps = firstSteps(g);
        DoubleVector two = DoubleVector.broadcast(D, 2.0);
        DoubleVector half = DoubleVector.broadcast(D, 0.5);
        DoubleVector minusHalf = DoubleVector.broadcast(D, -0.5);
        for (int b = 0; b < blocks; b++) {
            LongVector a = steps.add(s); // BoxMullerBlock.minusTwoLog of u = 2 - m(a), as in radii
            a = a.lanewise(VectorOperators.XOR, a.lanewise(VectorOperators.LSHR, 30)).mul(0xbf58476d1ce4e5b9L);
            a = a.lanewise(VectorOperators.XOR, a.lanewise(VectorOperators.LSHR, 27)).mul(0x94d049bb133111ebL);
            a = a.lanewise(VectorOperators.XOR, a.lanewise(VectorOperators.LSHR, 31));
            LongVector ix = two.sub(a.lanewise(VectorOperators.LSHR, 12).or(BoxMullerBlock.ONE_BITS)
                    .reinterpretAsDoubles()).reinterpretAsLongs().add(BoxMullerBlock.OCTAVE_SHIFT);
            DoubleVector e = ix.lanewise(VectorOperators.LSHR, 52).or(BoxMullerBlock.EXPONENT_BITS)
                    .reinterpretAsDoubles().sub(BoxMullerBlock.EXPONENT_OFFSET);
            DoubleVector m = ix.and(BoxMullerBlock.FRACTION).add(BoxMullerBlock.SQRT_HALF_BITS).reinterpretAsDoubles();
            DoubleVector f = m.sub(1.0);
            DoubleVector sv = f.div(f.add(2.0));
            DoubleVector z = sv.mul(sv);
            DoubleVector z2 = z.mul(z);
            DoubleVector p = z2.mul(z2).fma(z2.fma(A6, z.fma(A5, A4)), z2.fma(z.fma(A3, A2), z.fma(A1, A0)));
            DoubleVector minusFourS = sv.mul(-4.0);
            DoubleVector r = e.fma(MINUS_TWO_LN2_HI, minusFourS.fma(z.mul(p), e.fma(MINUS_TWO_LN2_LO, minusFourS)))
                    .lanewise(VectorOperators.SQRT);
            LongVector c = steps.add(s + BoxMullerBlock.HALF * g); // the angles, as in turns
            c = c.lanewise(VectorOperators.XOR, c.lanewise(VectorOperators.LSHR, 30)).mul(0xbf58476d1ce4e5b9L);
            c = c.lanewise(VectorOperators.XOR, c.lanewise(VectorOperators.LSHR, 27)).mul(0x94d049bb133111ebL);
            c = c.lanewise(VectorOperators.XOR, c.lanewise(VectorOperators.LSHR, 31));
            DoubleVector x = c.lanewise(VectorOperators.LSHR, 12).or(BoxMullerBlock.ONE_BITS).reinterpretAsDoubles()
                    .fma(half, minusHalf);
            DoubleVector t = x.mul(x);
            DoubleVector t2 = t.mul(t);
            DoubleVector t4 = t2.mul(t2);
            LongVector cl = t4.fma(t2.fma(C6, t.fma(C5, C4)), t2.fma(t.fma(C3, C2), t.fma(C1, C0)))
                    .reinterpretAsLongs();
            LongVector sl = x.mul(t4.fma(t2.fma(S6, t.fma(S5, S4)), t2.fma(t.fma(S3, S2), t.fma(S1, S0))))
                    .reinterpretAsLongs();
            LongVector swap = cl.lanewise(VectorOperators.XOR, sl).and(c.lanewise(VectorOperators.LSHL, 63)
                    .lanewise(VectorOperators.ASHR, 63));
            LongVector first = cl.lanewise(VectorOperators.XOR, swap).lanewise(VectorOperators.XOR,
                    c.lanewise(VectorOperators.LSHL, 62).and(BoxMullerBlock.SIGN));
            LongVector second = sl.lanewise(VectorOperators.XOR, swap).lanewise(VectorOperators.XOR,
                    c.lanewise(VectorOperators.LSHL, 61).and(BoxMullerBlock.SIGN));
            r.mul(first.reinterpretAsDoubles()).intoArray(out, at);
            r.mul(second.reinterpretAsDoubles()).intoArray(out, at + BoxMullerBlock.HALF);
            s += BoxMullerBlock.SIZE * g;
            at += BoxMullerBlock.SIZE;
        }
        return s;
    }

    /** {@code r = sqrt(-2 ln u)} of lanes 0..7 of {@code blocks} blocks to {@code radii[8 b + j]}. */
    private static void radii(long s, long g, double[] radii, int blocks) {
        LongVector steps = firstSteps(g);
        DoubleVector two = DoubleVector.broadcast(D, 2.0);
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < BoxMullerBlock.HALF; j += W) {
                LongVector a = mix64(steps.add(s + j * g));
                // BoxMullerBlock.minusTwoLog of u = 2 - m(a)
                LongVector ix = two.sub(a.lanewise(VectorOperators.LSHR, 12).or(BoxMullerBlock.ONE_BITS)
                        .reinterpretAsDoubles()).reinterpretAsLongs().add(BoxMullerBlock.OCTAVE_SHIFT);
                DoubleVector e = ix.lanewise(VectorOperators.LSHR, 52).or(BoxMullerBlock.EXPONENT_BITS)
                        .reinterpretAsDoubles().sub(BoxMullerBlock.EXPONENT_OFFSET);
                DoubleVector m = ix.and(BoxMullerBlock.FRACTION).add(BoxMullerBlock.SQRT_HALF_BITS)
                        .reinterpretAsDoubles();
                DoubleVector f = m.sub(1.0);
                DoubleVector sv = f.div(f.add(2.0));
                DoubleVector z = sv.mul(sv);
                DoubleVector z2 = z.mul(z);
                DoubleVector p = z2.mul(z2).fma(z2.fma(A6, z.fma(A5, A4)), z2.fma(z.fma(A3, A2), z.fma(A1, A0)));
                DoubleVector minusFourS = sv.mul(-4.0);
                e.fma(MINUS_TWO_LN2_HI, minusFourS.fma(z.mul(p), e.fma(MINUS_TWO_LN2_LO, minusFourS)))
                        .lanewise(VectorOperators.SQRT).intoArray(radii, b * BoxMullerBlock.HALF + j);
            }
            s += BoxMullerBlock.SIZE * g;
        }
    }

    /** The turns of lanes 0..7 of {@code blocks} blocks times their radii, as normals to {@code out} from {@code at}.
     */
    private static void turns(long s, long g, double[] radii, double[] out, int at, int blocks) {
        LongVector steps = firstSteps(g);
        DoubleVector half = DoubleVector.broadcast(D, 0.5);
        DoubleVector minusHalf = DoubleVector.broadcast(D, -0.5);
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < BoxMullerBlock.HALF; j += W) {
                DoubleVector r = DoubleVector.fromArray(D, radii, b * BoxMullerBlock.HALF + j);
                LongVector c = mix64(steps.add(s + (j + BoxMullerBlock.HALF) * g));
                DoubleVector x = c.lanewise(VectorOperators.LSHR, 12).or(BoxMullerBlock.ONE_BITS)
                        .reinterpretAsDoubles().fma(half, minusHalf);
                DoubleVector t = x.mul(x);
                DoubleVector t2 = t.mul(t);
                DoubleVector t4 = t2.mul(t2);
                LongVector cl = t4.fma(t2.fma(C6, t.fma(C5, C4)), t2.fma(t.fma(C3, C2), t.fma(C1, C0)))
                        .reinterpretAsLongs();
                LongVector sl = x.mul(t4.fma(t2.fma(S6, t.fma(S5, S4)), t2.fma(t.fma(S3, S2), t.fma(S1, S0))))
                        .reinterpretAsLongs();
                // the octant: bit 0 of c swaps, bits 1 and 2 negate
                LongVector swap = cl.lanewise(VectorOperators.XOR, sl).and(c.lanewise(VectorOperators.LSHL, 63)
                        .lanewise(VectorOperators.ASHR, 63));
                LongVector first = cl.lanewise(VectorOperators.XOR, swap).lanewise(VectorOperators.XOR,
                        c.lanewise(VectorOperators.LSHL, 62).and(BoxMullerBlock.SIGN));
                LongVector second = sl.lanewise(VectorOperators.XOR, swap).lanewise(VectorOperators.XOR,
                        c.lanewise(VectorOperators.LSHL, 61).and(BoxMullerBlock.SIGN));
                r.mul(first.reinterpretAsDoubles()).intoArray(out, at + j);
                r.mul(second.reinterpretAsDoubles()).intoArray(out, at + j + BoxMullerBlock.HALF);
            }
            s += BoxMullerBlock.SIZE * g;
            at += BoxMullerBlock.SIZE;
        }
    }

    /** SplitMix64's output function per lane ({@link SplitMix#mix64}); small enough that the JIT inlines it. */
    private static LongVector mix64(LongVector z) {
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xbf58476d1ce4e5b9L);
        z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94d049bb133111ebL);
        return z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
    }

    /** Lane j: {@code (j + 1) g}. */
    private static LongVector firstSteps(long g) {
        long[] k = new long[W];
        for (int j = 0; j < W; j++) {
            k[j] = (j + 1) * g;
        }
        return LongVector.fromArray(L, k, 0);
    }
}
