package org.icldynamics.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Bit-reproducible elementary functions on vectors, built only from IEEE-exact operations (add, mul, fma, sqrt,
 * comparisons, bit moves). The Vector API's own {@code EXP}, {@code LOG}, {@code SIN}, {@code COS} and floating
 * {@code reduceLanes(ADD)} may give different bits in interpreted and compiled code (measured: a sampler's output
 * changed between the first and a later call), which would break bit-for-bit reruns; these do not.
 * Accuracy: a few ulp (double), about 1 ulp (float) on the stated domains.
 */
public final class VectorMath {
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double MAGIC = 0x1.8p52;
    private static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);
    /** The bits of 2^52: OR-ing an integer below 2^52 into them gives the double 2^52 + that integer. */
    private static final long EXPONENT_BIAS_BITS = Double.doubleToRawLongBits(0x1.0p52);
    /** 2^52 + 1023: subtracted from 2^52 + (biased exponent) leaves the unbiased exponent. */
    private static final double MAGIC_EXPONENT = 0x1.0p52 + 1023;
    private static final float LOG2EF = 1.44269504f;
    private static final float LN2_HIF = 0.693145751953125f;
    private static final float LN2_LOF = 1.428606765330187045e-06f;
    private static final float MAGICF = 0x1.8p23f;
    private static final int MAGICF_BITS = Float.floatToRawIntBits(MAGICF);
    private static final double[] EXP_COEF = taylor(13);
    private static final float[] EXP_COEFF = toFloat(taylor(7));
    /** sin(a)/a = sum_k SIN_COEF[k] a^(2k), through a^16. */
    private static final double[] SIN_COEF = alternating(1, 8);
    /** cos(a) = sum_k COS_COEF[k] a^(2k), through a^18. */
    private static final double[] COS_COEF = alternating(0, 9);

    private VectorMath() {
    }

    /** {@code e^x}, inputs clamped to {@code [-708, 709]} (results below {@code 3e-308} are not needed here). */
    public static DoubleVector exp(DoubleVector x) {
        x = x.max(-708.0).min(709.0);
        DoubleVector t = x.fma(LOG2E, MAGIC);   // k + 1.5 * 2^52, k = round(x / ln 2)
        DoubleVector k = t.sub(MAGIC);
        DoubleVector r = k.fma(DoubleVector.broadcast(x.species(), -LN2_HI), x);
        r = k.fma(DoubleVector.broadcast(x.species(), -LN2_LO), r);                  // |r| <= ln(2)/2
        DoubleVector p = DoubleVector.broadcast(x.species(), EXP_COEF[13]);
        for (int i = 12; i >= 0; i--) {
            p = p.fma(r, DoubleVector.broadcast(x.species(), EXP_COEF[i]));
        }
        LongVector kb = t.reinterpretAsLongs().sub(MAGIC_BITS).add(1023L).lanewise(VectorOperators.LSHL, 52);
        return p.mul(kb.reinterpretAsDoubles());
    }

    /**
     * {@code e^x0} and {@code e^x1} for lanes that are {@code <= 0} or NaN (softmax's {@code s - max s}), each bit for
     * bit as {@link #exp(DoubleVector)}, evaluated side by side so the two 13-step Horner chains overlap instead of
     * running one after the other. On that domain the upper clamp is the identity and the lower one,
     * {@code max(x, -708)}, equals a compare and blend (NaN compares false and stays NaN), which is cheaper than the
     * vector {@code max} with Java's NaN and signed-zero rules. Results go straight to memory (returning two vectors
     * would box them).
     *
     * @param out overwritten at {@code [off0, off0 + lanes)} and {@code [off1, off1 + lanes)}
     */
    public static void expOfNonPositive(DoubleVector x0, DoubleVector x1, double[] out, int off0, int off1) {
        x0 = x0.blend(-708.0, x0.compare(VectorOperators.LT, -708.0));
        x1 = x1.blend(-708.0, x1.compare(VectorOperators.LT, -708.0));
        DoubleVector t0 = x0.fma(LOG2E, MAGIC);
        DoubleVector t1 = x1.fma(LOG2E, MAGIC);
        DoubleVector k0 = t0.sub(MAGIC);
        DoubleVector k1 = t1.sub(MAGIC);
        DoubleVector hi = DoubleVector.broadcast(x0.species(), -LN2_HI);
        DoubleVector lo = DoubleVector.broadcast(x0.species(), -LN2_LO);
        DoubleVector r0 = k0.fma(lo, k0.fma(hi, x0));
        DoubleVector r1 = k1.fma(lo, k1.fma(hi, x1));
        DoubleVector p0 = DoubleVector.broadcast(x0.species(), EXP_COEF[13]);
        DoubleVector p1 = p0;
        for (int i = 12; i >= 0; i--) {
            DoubleVector c = DoubleVector.broadcast(x0.species(), EXP_COEF[i]);
            p0 = p0.fma(r0, c);
            p1 = p1.fma(r1, c);
        }
        p0.mul(scaleOf(t0)).intoArray(out, off0);
        p1.mul(scaleOf(t1)).intoArray(out, off1);
    }

    /** {@link #expOfNonPositive(DoubleVector, DoubleVector, double[], int, int)} in float, as {@link #exp(FloatVector)}. */
    public static void expOfNonPositive(FloatVector x0, FloatVector x1, float[] out, int off0, int off1) {
        x0 = x0.blend(-87f, x0.compare(VectorOperators.LT, -87f));
        x1 = x1.blend(-87f, x1.compare(VectorOperators.LT, -87f));
        FloatVector t0 = x0.fma(LOG2EF, MAGICF);
        FloatVector t1 = x1.fma(LOG2EF, MAGICF);
        FloatVector k0 = t0.sub(MAGICF);
        FloatVector k1 = t1.sub(MAGICF);
        FloatVector hi = FloatVector.broadcast(x0.species(), -LN2_HIF);
        FloatVector lo = FloatVector.broadcast(x0.species(), -LN2_LOF);
        FloatVector r0 = k0.fma(lo, k0.fma(hi, x0));
        FloatVector r1 = k1.fma(lo, k1.fma(hi, x1));
        FloatVector p0 = FloatVector.broadcast(x0.species(), EXP_COEFF[7]);
        FloatVector p1 = p0;
        for (int i = 6; i >= 0; i--) {
            FloatVector c = FloatVector.broadcast(x0.species(), EXP_COEFF[i]);
            p0 = p0.fma(r0, c);
            p1 = p1.fma(r1, c);
        }
        p0.mul(scaleOf(t0)).intoArray(out, off0);
        p1.mul(scaleOf(t1)).intoArray(out, off1);
    }

    /** {@code 2^k} from {@code t = k + 1.5 * 2^23} (as in {@link #exp(FloatVector)}). */
    private static FloatVector scaleOf(FloatVector t) {
        return t.reinterpretAsInts().sub(MAGICF_BITS).add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
    }

    /** {@code 2^k} from {@code t = k + 1.5 * 2^52} (as in {@link #exp(DoubleVector)}). */
    private static DoubleVector scaleOf(DoubleVector t) {
        return t.reinterpretAsLongs().sub(MAGIC_BITS).add(1023L).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles();
    }

    /** {@code e^x} in float, inputs clamped to {@code [-87, 88]}. */
    public static FloatVector exp(FloatVector x) {
        x = x.max(-87f).min(88f);
        FloatVector t = x.fma(LOG2EF, MAGICF);
        FloatVector k = t.sub(MAGICF);
        FloatVector r = k.fma(FloatVector.broadcast(x.species(), -LN2_HIF), x);
        r = k.fma(FloatVector.broadcast(x.species(), -LN2_LOF), r);
        FloatVector p = FloatVector.broadcast(x.species(), EXP_COEFF[7]);
        for (int i = 6; i >= 0; i--) {
            p = p.fma(r, FloatVector.broadcast(x.species(), EXP_COEFF[i]));
        }
        IntVector kb = t.reinterpretAsInts().sub(MAGICF_BITS).add(127).lanewise(VectorOperators.LSHL, 23);
        return p.mul(kb.reinterpretAsFloats());
    }

    /** Natural logarithm of positive normal doubles. */
    public static DoubleVector log(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        DoubleVector m = bits.and(0x000F_FFFF_FFFF_FFFFL).or(0x3FF0_0000_0000_0000L).reinterpretAsDoubles(); // [1, 2)
        // the exponent as a double without L2D (an AVX-512 instruction: on AVX2 the Vector API converts in slow Java):
        // the biased exponent e sits in the low bits of 2^52 + e, and (2^52 + e) - (2^52 + 1023) is exact
        DoubleVector ed = bits.lanewise(VectorOperators.LSHR, 52).or(EXPONENT_BIAS_BITS).reinterpretAsDoubles()
                .sub(MAGIC_EXPONENT);
        VectorMask<Double> big = m.compare(VectorOperators.GT, Math.sqrt(2.0));
        m = m.blend(m.mul(0.5), big);
        ed = ed.blend(ed.add(1.0), big);
        DoubleVector s = m.sub(1.0).div(m.add(1.0));   // |s| <= 0.1716
        DoubleVector s2 = s.mul(s);
        DoubleVector p = DoubleVector.broadcast(x.species(), 1.0 / 21);
        for (int j = 19; j >= 1; j -= 2) {              // 2 atanh(s) = 2 (s + s^3/3 + ... + s^21/21)
            p = p.fma(s2, DoubleVector.broadcast(x.species(), 1.0 / j));
        }
        DoubleVector logM = s.mul(p).mul(2.0);
        return ed.fma(DoubleVector.broadcast(x.species(), LN2_HI),
                ed.fma(DoubleVector.broadcast(x.species(), LN2_LO), logM));
    }

    /**
     * Writes {@code r cos(2 pi u)} and {@code r sin(2 pi u)} for {@code u} in [0, 1) (one turn = 2 pi). Results go
     * straight to memory: returning two vectors through an array would box them and cost more than the maths.
     *
     * @param out overwritten at {@code [cosOffset, cosOffset + lanes)} and {@code [sinOffset, sinOffset + lanes)}
     */
    public static void scaledCosSinTurns(DoubleVector u, DoubleVector r, double[] out, int cosOffset, int sinOffset) {
        DoubleVector q = u.mul(4.0).add(MAGIC).sub(MAGIC);  // nearest quarter turn, 0..4
        DoubleVector a = u.sub(q.mul(0.25)).mul(2 * Math.PI); // |a| <= pi/4
        DoubleVector a2 = a.mul(a);
        DoubleVector sp = DoubleVector.broadcast(u.species(), SIN_COEF[SIN_COEF.length - 1]);
        for (int j = SIN_COEF.length - 2; j >= 0; j--) {
            sp = sp.fma(a2, DoubleVector.broadcast(u.species(), SIN_COEF[j]));
        }
        DoubleVector s = sp.mul(a);
        DoubleVector c = DoubleVector.broadcast(u.species(), COS_COEF[COS_COEF.length - 1]);
        for (int j = COS_COEF.length - 2; j >= 0; j--) {
            c = c.fma(a2, DoubleVector.broadcast(u.species(), COS_COEF[j]));
        }
        VectorMask<Double> q1 = q.compare(VectorOperators.EQ, 1.0);
        VectorMask<Double> q2 = q.compare(VectorOperators.EQ, 2.0);
        VectorMask<Double> q3 = q.compare(VectorOperators.EQ, 3.0);
        VectorMask<Double> swap = q1.or(q3);
        DoubleVector cc = c.blend(s, swap).mul(r);
        DoubleVector ss = s.blend(c, swap).mul(r);
        cc.blend(cc.neg(), q1.or(q2)).intoArray(out, cosOffset);
        ss.blend(ss.neg(), q2.or(q3)).intoArray(out, sinOffset);
    }

    /** Sum of the lanes in lane order (deterministic, unlike {@code reduceLanes(ADD)}). */
    public static double sum(DoubleVector v, double[] scratch) {
        v.intoArray(scratch, 0);
        double s = 0.0;
        for (int i = 0; i < v.length(); i++) {
            s += scratch[i];
        }
        return s;
    }

    /** Sum of the lanes in lane order. */
    public static float sum(FloatVector v, float[] scratch) {
        v.intoArray(scratch, 0);
        float s = 0f;
        for (int i = 0; i < v.length(); i++) {
            s += scratch[i];
        }
        return s;
    }

    private static double[] taylor(int degree) {
        double[] c = new double[degree + 1];
        c[0] = 1.0;
        for (int i = 1; i <= degree; i++) {
            c[i] = c[i - 1] / i;
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

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
