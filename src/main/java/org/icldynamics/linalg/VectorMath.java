package org.icldynamics.linalg;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
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
    private static final float LOG2EF = 1.44269504f;
    private static final float LN2_HIF = 0.693145751953125f;
    private static final float LN2_LOF = 1.428606765330187045e-06f;
    private static final float MAGICF = 0x1.8p23f;
    private static final int MAGICF_BITS = Float.floatToRawIntBits(MAGICF);
    private static final double[] EXP_COEF = taylor(13);
    private static final float[] EXP_COEFF = toFloat(taylor(7));

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

    private static float[] toFloat(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }
}
