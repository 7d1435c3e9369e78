package org.icldynamics.linalg;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two array passes of a Box-Muller transform, bit-reproducible like {@link VectorMath} (only IEEE-exact
 * operations: add, mul, fma, div, sqrt, comparisons, bit moves): an in-place natural log, then
 * {@code sqrt(-2 l) cos(2 pi u)} and {@code sqrt(-2 l) sin(2 pi u)}. Every operation is lane-wise, so the bits
 * depend neither on the vector width nor on how lanes are grouped.
 *
 * <p>Speed: each pass works on {@link #BLOCK} doubles (four vectors) per step with the four dependency chains
 * interleaved (division and Horner polynomials in the log; the two Horner polynomials and the square root in the
 * second pass); one vector per step left the core waiting on latency. The square root sits in the second pass so
 * that it overlaps the sine and cosine polynomials instead of the log's division. Small helper methods are avoided
 * on purpose: the JIT stops inlining non-Vector-API methods past a node budget, and a vector passed to a method it
 * did not inline is boxed on the heap (measured: 5x slower). The coefficient loops keep the parsed code small; the
 * JIT unrolls them.
 */
public final class BoxMuller {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Doubles per step of the passes: four vectors. */
    public static final int BLOCK = 4 * L;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double MAGIC = 0x1.8p52;
    /** The bits of 2^52: OR-ing an integer below 2^52 into them gives the double 2^52 + that integer. */
    private static final long EXPONENT_BIAS_BITS = Double.doubleToRawLongBits(0x1.0p52);
    /** 2^52 + 1023: subtracted from 2^52 + (biased exponent) leaves the unbiased exponent. */
    private static final double MAGIC_EXPONENT = 0x1.0p52 + 1023;
    private static final long MANTISSA = 0x000F_FFFF_FFFF_FFFFL;
    private static final long ONE_BITS = 0x3FF0_0000_0000_0000L;
    /** 2 atanh(s) / (2 s) = sum_k LOG_COEF[k] s^(2k) = 1 + s^2/3 + ... + s^20/21. */
    private static final double[] LOG_COEF = oddReciprocals(10);
    /** sin(a)/a = sum_k SIN_COEF[k] a^(2k), through a^16. */
    private static final double[] SIN_COEF = alternating(1, 8);
    /** cos(a) = sum_k COS_COEF[k] a^(2k), through a^18. */
    private static final double[] COS_COEF = alternating(0, 9);

    private BoxMuller() {
    }

    /**
     * Natural logarithm in place (a few ulp).
     *
     * @param a positive normal doubles at {@code [from, from + count)}, overwritten with their logs
     */
    public static void log(double[] a, int from, int count) {
        int whole = count - count % BLOCK;
        logBlocks(a, from, whole);
        if (whole < count) { // the tail through a padded block: lane-wise, so the same bits as in place
            double[] t = new double[BLOCK];
            Arrays.fill(t, 1.0);
            System.arraycopy(a, from + whole, t, 0, count - whole);
            logBlocks(t, 0, BLOCK);
            System.arraycopy(t, 0, a, from + whole, count - whole);
        }
    }

    /**
     * Scaled cosines and sines of {@code count} pairs, in place: with {@code l = buf[logAt + i]} and
     * {@code u = buf[turnAt + i]} in [0, 1) (one turn = 2 pi), writes {@code sqrt(-2 l) cos(2 pi u)} to
     * {@code buf[logAt + i]} and {@code sqrt(-2 l) sin(2 pi u)} to {@code buf[turnAt + i]}.
     *
     * @param buf {@code [count]} logs (at most 0) at {@code logAt}, {@code [count]} turns at {@code turnAt}
     *     (disjoint ranges), both overwritten
     */
    public static void scaledCosSin(double[] buf, int logAt, int turnAt, int count) {
        int whole = count - count % BLOCK;
        cosSinBlocks(buf, logAt, turnAt, whole);
        if (whole < count) { // the tail through padded blocks (log 0, turn 0)
            double[] t = new double[2 * BLOCK];
            System.arraycopy(buf, logAt + whole, t, 0, count - whole);
            System.arraycopy(buf, turnAt + whole, t, BLOCK, count - whole);
            cosSinBlocks(t, 0, BLOCK, BLOCK);
            System.arraycopy(t, 0, buf, logAt + whole, count - whole);
            System.arraycopy(t, BLOCK, buf, turnAt + whole, count - whole);
        }
    }

    /**
     * {@code ln x = e ln 2 + 2 atanh((m - 1) / (m + 1))} with {@code x = 2^e m}, {@code m} in
     * {@code [sqrt(2)/2, sqrt(2)]}; four vectors a, b, c, d per step.
     *
     * @param a {@code [count]} at {@code from}, count a multiple of {@link #BLOCK}; overwritten
     */
    private static void logBlocks(double[] a, int from, int count) {
        for (int i = from; i < from + count; i += BLOCK) { // [count] in blocks of 4 vectors
            LongVector ba = DoubleVector.fromArray(S, a, i).reinterpretAsLongs();
            LongVector bb = DoubleVector.fromArray(S, a, i + L).reinterpretAsLongs();
            LongVector bc = DoubleVector.fromArray(S, a, i + 2 * L).reinterpretAsLongs();
            LongVector bd = DoubleVector.fromArray(S, a, i + 3 * L).reinterpretAsLongs();
            // mantissa m in [1, 2); the exponent as a double without L2D (an AVX-512 instruction: on AVX2 the
            // Vector API converts in slow Java): the biased exponent e sits in the low bits of 2^52 + e, and
            // (2^52 + e) - (2^52 + 1023) is exact
            DoubleVector ma = ba.and(MANTISSA).or(ONE_BITS).reinterpretAsDoubles();
            DoubleVector mb = bb.and(MANTISSA).or(ONE_BITS).reinterpretAsDoubles();
            DoubleVector mc = bc.and(MANTISSA).or(ONE_BITS).reinterpretAsDoubles();
            DoubleVector md = bd.and(MANTISSA).or(ONE_BITS).reinterpretAsDoubles();
            DoubleVector ea = ba.lanewise(VectorOperators.LSHR, 52).or(EXPONENT_BIAS_BITS).reinterpretAsDoubles();
            DoubleVector eb = bb.lanewise(VectorOperators.LSHR, 52).or(EXPONENT_BIAS_BITS).reinterpretAsDoubles();
            DoubleVector ec = bc.lanewise(VectorOperators.LSHR, 52).or(EXPONENT_BIAS_BITS).reinterpretAsDoubles();
            DoubleVector ed = bd.lanewise(VectorOperators.LSHR, 52).or(EXPONENT_BIAS_BITS).reinterpretAsDoubles();
            ea = ea.sub(MAGIC_EXPONENT);
            eb = eb.sub(MAGIC_EXPONENT);
            ec = ec.sub(MAGIC_EXPONENT);
            ed = ed.sub(MAGIC_EXPONENT);
            VectorMask<Double> ka = ma.compare(VectorOperators.GT, SQRT2);
            VectorMask<Double> kb = mb.compare(VectorOperators.GT, SQRT2);
            VectorMask<Double> kc = mc.compare(VectorOperators.GT, SQRT2);
            VectorMask<Double> kd = md.compare(VectorOperators.GT, SQRT2);
            ma = ma.blend(ma.mul(0.5), ka);
            mb = mb.blend(mb.mul(0.5), kb);
            mc = mc.blend(mc.mul(0.5), kc);
            md = md.blend(md.mul(0.5), kd);
            ea = ea.blend(ea.add(1.0), ka);
            eb = eb.blend(eb.add(1.0), kb);
            ec = ec.blend(ec.add(1.0), kc);
            ed = ed.blend(ed.add(1.0), kd);
            DoubleVector sa = ma.sub(1.0).div(ma.add(1.0)); // |s| <= 0.1716
            DoubleVector sb = mb.sub(1.0).div(mb.add(1.0));
            DoubleVector sc = mc.sub(1.0).div(mc.add(1.0));
            DoubleVector sd = md.sub(1.0).div(md.add(1.0));
            DoubleVector s2a = sa.mul(sa);
            DoubleVector s2b = sb.mul(sb);
            DoubleVector s2c = sc.mul(sc);
            DoubleVector s2d = sd.mul(sd);
            DoubleVector pa = DoubleVector.broadcast(S, LOG_COEF[LOG_COEF.length - 1]);
            DoubleVector pb = pa;
            DoubleVector pc = pa;
            DoubleVector pd = pa;
            for (int j = LOG_COEF.length - 2; j >= 0; j--) { // Horner, the four chains side by side
                DoubleVector c = DoubleVector.broadcast(S, LOG_COEF[j]);
                pa = pa.fma(s2a, c);
                pb = pb.fma(s2b, c);
                pc = pc.fma(s2c, c);
                pd = pd.fma(s2d, c);
            }
            DoubleVector hi = DoubleVector.broadcast(S, LN2_HI);
            DoubleVector lo = DoubleVector.broadcast(S, LN2_LO);
            ea.fma(hi, ea.fma(lo, sa.mul(pa).mul(2.0))).intoArray(a, i);
            eb.fma(hi, eb.fma(lo, sb.mul(pb).mul(2.0))).intoArray(a, i + L);
            ec.fma(hi, ec.fma(lo, sc.mul(pc).mul(2.0))).intoArray(a, i + 2 * L);
            ed.fma(hi, ed.fma(lo, sd.mul(pd).mul(2.0))).intoArray(a, i + 3 * L);
        }
    }

    /**
     * Reduction to the nearest quarter turn q (|a| <= pi/4), sine and cosine polynomials in a, then the quadrant
     * fix-up times {@code r = sqrt(-2 l)}; four vectors a, b, c, d per step.
     *
     * @param buf {@code [count]} at {@code logAt} and at {@code turnAt}, count a multiple of {@link #BLOCK}; overwritten
     */
    private static void cosSinBlocks(double[] buf, int logAt, int turnAt, int count) {
        for (int i = 0; i < count; i += BLOCK) { // [count] in blocks of 4 vectors
            int t = turnAt + i;
            DoubleVector ua = DoubleVector.fromArray(S, buf, t);
            DoubleVector ub = DoubleVector.fromArray(S, buf, t + L);
            DoubleVector uc = DoubleVector.fromArray(S, buf, t + 2 * L);
            DoubleVector ud = DoubleVector.fromArray(S, buf, t + 3 * L);
            // nearest quarter turn q in 0..4 and a = 2 pi (u - q / 4), |a| <= pi/4; u * 4 and q / 4 are exact, so
            // each fma rounds once exactly like the separate multiply and add (same bits, one operation less)
            DoubleVector qa = ua.fma(4.0, MAGIC).sub(MAGIC);
            DoubleVector qb = ub.fma(4.0, MAGIC).sub(MAGIC);
            DoubleVector qc = uc.fma(4.0, MAGIC).sub(MAGIC);
            DoubleVector qd = ud.fma(4.0, MAGIC).sub(MAGIC);
            DoubleVector quarter = DoubleVector.broadcast(S, -0.25);
            DoubleVector aa = qa.fma(quarter, ua).mul(2 * Math.PI);
            DoubleVector ab = qb.fma(quarter, ub).mul(2 * Math.PI);
            DoubleVector ac = qc.fma(quarter, uc).mul(2 * Math.PI);
            DoubleVector ad = qd.fma(quarter, ud).mul(2 * Math.PI);
            DoubleVector a2a = aa.mul(aa);
            DoubleVector a2b = ab.mul(ab);
            DoubleVector a2c = ac.mul(ac);
            DoubleVector a2d = ad.mul(ad);
            DoubleVector sa = DoubleVector.broadcast(S, SIN_COEF[SIN_COEF.length - 1]);
            DoubleVector sb = sa;
            DoubleVector sc = sa;
            DoubleVector sd = sa;
            for (int j = SIN_COEF.length - 2; j >= 0; j--) { // Horner, the four chains side by side
                DoubleVector c = DoubleVector.broadcast(S, SIN_COEF[j]);
                sa = sa.fma(a2a, c);
                sb = sb.fma(a2b, c);
                sc = sc.fma(a2c, c);
                sd = sd.fma(a2d, c);
            }
            sa = sa.mul(aa);
            sb = sb.mul(ab);
            sc = sc.mul(ac);
            sd = sd.mul(ad);
            DoubleVector ca = DoubleVector.broadcast(S, COS_COEF[COS_COEF.length - 1]);
            DoubleVector cb = ca;
            DoubleVector cc = ca;
            DoubleVector cd = ca;
            for (int j = COS_COEF.length - 2; j >= 0; j--) {
                DoubleVector c = DoubleVector.broadcast(S, COS_COEF[j]);
                ca = ca.fma(a2a, c);
                cb = cb.fma(a2b, c);
                cc = cc.fma(a2c, c);
                cd = cd.fma(a2d, c);
            }
            for (int k = 0; k < 4; k++) { // quadrant fix-up, one vector at a time (the JIT unrolls this loop)
                DoubleVector q = k == 0 ? qa : k == 1 ? qb : k == 2 ? qc : qd;
                DoubleVector s = k == 0 ? sa : k == 1 ? sb : k == 2 ? sc : sd;
                DoubleVector c = k == 0 ? ca : k == 1 ? cb : k == 2 ? cc : cd;
                int lo = logAt + i + k * L;
                DoubleVector r = DoubleVector.fromArray(S, buf, lo).mul(-2.0).lanewise(VectorOperators.SQRT);
                VectorMask<Double> q1 = q.compare(VectorOperators.EQ, 1.0);
                VectorMask<Double> q2 = q.compare(VectorOperators.EQ, 2.0);
                VectorMask<Double> q3 = q.compare(VectorOperators.EQ, 3.0);
                VectorMask<Double> swap = q1.or(q3);
                DoubleVector xc = c.blend(s, swap).mul(r);
                DoubleVector xs = s.blend(c, swap).mul(r);
                xc.blend(xc.neg(), q1.or(q2)).intoArray(buf, lo);
                xs.blend(xs.neg(), q2.or(q3)).intoArray(buf, t + k * L);
            }
        }
    }

    /** {@code 1 / (2k + 1)} for k = 0..last. */
    private static double[] oddReciprocals(int last) {
        double[] c = new double[last + 1];
        for (int k = 0; k <= last; k++) {
            c[k] = 1.0 / (2 * k + 1);
        }
        return c;
    }

    /** {@code (-1)^k / (2k + first)!} for k = 0..last. */
    private static double[] alternating(int first, int last) {
        double[] c = new double[last + 1];
        for (int k = 0; k <= last; k++) {
            double f = 1.0;
            for (int i = 2; i <= 2 * k + first; i++) {
                f *= i;
            }
            c[k] = (k % 2 == 0 ? 1.0 : -1.0) / f;
        }
        return c;
    }
}
