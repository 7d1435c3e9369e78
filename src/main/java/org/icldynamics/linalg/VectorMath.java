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

    /**
     * {@code v[i] = e^(v[i] - shift[r])} in place for {@code i} in {@code [off, off + len)}, row
     * {@code r = (i - off) / rowLength}; each lane bit for bit as {@link #exp(DoubleVector)} of {@code v[i] - shift[r]}
     * where that is {@code <= 0} or NaN (softmax's {@code s - max s}), as
     * {@link #expOfNonPositive(DoubleVector, DoubleVector, double[], int, int)}. Four vectors at a time, across rows, so
     * four Horner chains overlap; the last {@code len mod 4L} lanes go last, in one group of four whose surplus chains
     * repeat the last vector (every load of a group comes before its stores, so the repeat is harmless). Takes arrays,
     * not vectors, so a call the JIT does not inline boxes nothing.
     *
     * @param len a multiple of {@code rowLength}, which is a multiple of the lane count
     * @param shift {@code [len / rowLength]}, not modified
     */
    public static void expOfNonPositiveInPlace(double[] v, int off, int len, double[] shift, int rowLength) {
        inPlace(v, off, len, shift, rowLength, null, 0);
    }

    /**
     * {@code v[i] = e^(v[i])} in place for {@code i} in {@code [off, off + len)}, inputs {@code <= 0} or NaN (already
     * shifted, e.g. softmax's {@code s - max s}): {@link #expOfNonPositiveInPlace(double[], int, int, double[], int)}
     * with a zero shift ({@code x - 0.0} is {@code x} for every x, so the bits are the same) and no shift to look up.
     *
     * @param len a multiple of the lane count
     */
    public static void expOfNonPositiveInPlace(double[] v, int off, int len) {
        inPlace(v, off, len, null, 1, null, 0);
    }

    /**
     * {@code v[i] = e^(v[i] - laneShift[laneOff + (i - off) mod L])} in place for {@code i} in {@code [off, off + len)}
     * ({@code L} the preferred lane count; softmax over rows of {@code [m, lanes]} with the per-lane max as the shift),
     * inputs less their shift {@code <= 0} or NaN: the bits of subtracting the shift in a pass of its own and then
     * {@link #expOfNonPositiveInPlace(double[], int, int)}, without that pass's load and store of every vector.
     *
     * @param len a multiple of the lane count
     * @param laneShift {@code [L]} at {@code laneOff}, not modified
     */
    public static void expOfNonPositiveInPlaceLaneShifted(double[] v, int off, int len, double[] laneShift,
                                                          int laneOff) {
        inPlace(v, off, len, null, 1, laneShift, laneOff);
    }

    /**
     * The in-place exps: a shift per row ({@code shift}), per lane ({@code laneShift}) or none (both null: no lookup,
     * division or subtraction).
     */
    private static void inPlace(double[] v, int off, int len, double[] shift, int rowLength, double[] laneShift,
                                int laneOff) {
        int lanes = DoubleVector.SPECIES_PREFERRED.length();
        int vectors = len / lanes;
        int whole = vectors / 4 * 4;
        for (int k = 0; k < whole * lanes; k += 4 * lanes) { // [4L] per group
            group(v, off, k, k + lanes, k + 2 * lanes, k + 3 * lanes, shift, rowLength, laneShift, laneOff);
        }
        if (whole < vectors) { // [len mod 4L] in one group, its surplus chains repeating the last vector
            int last = (vectors - 1) * lanes;
            int i0 = whole * lanes;
            group(v, off, i0, Math.min(i0 + lanes, last), Math.min(i0 + 2 * lanes, last), last, shift, rowLength,
                    laneShift, laneOff);
        }
    }

    /** One group of four vectors at {@code off + i0..i3}, each less its row's or its lanes' shift, if any. */
    private static void group(double[] v, int off, int i0, int i1, int i2, int i3, double[] shift, int rowLength,
                              double[] laneShift, int laneOff) {
        if (shift == null) {
            expOfNonPositive4(v, off, i0, i1, i2, i3, 0.0, 0.0, 0.0, 0.0, laneShift, laneOff, laneShift != null);
        } else {
            expOfNonPositive4(v, off, i0, i1, i2, i3, shift[i0 / rowLength], shift[i1 / rowLength],
                    shift[i2 / rowLength], shift[i3 / rowLength], null, 0, true);
        }
    }

    /**
     * Four vectors of {@link #expOfNonPositiveInPlace} side by side; all four are loaded before any is stored. Each is
     * less the {@code [L]} vector at {@code laneOff} of {@code laneShift} when that is not null, else less its scalar
     * when {@code shifted} (no shift is no subtraction: {@code x - 0.0} is {@code x}).
     */
    private static void expOfNonPositive4(double[] v, int off, int i0, int i1, int i2, int i3, double s0, double s1,
                                          double s2, double s3, double[] laneShift, int laneOff, boolean shifted) {
        jdk.incubator.vector.VectorSpecies<Double> s = DoubleVector.SPECIES_PREFERRED;
        int o0 = off + i0;
        int o1 = off + i1;
        int o2 = off + i2;
        int o3 = off + i3;
        DoubleVector x0 = DoubleVector.fromArray(s, v, o0);
        DoubleVector x1 = DoubleVector.fromArray(s, v, o1);
        DoubleVector x2 = DoubleVector.fromArray(s, v, o2);
        DoubleVector x3 = DoubleVector.fromArray(s, v, o3);
        if (laneShift != null) {
            DoubleVector sh = DoubleVector.fromArray(s, laneShift, laneOff);
            x0 = x0.sub(sh);
            x1 = x1.sub(sh);
            x2 = x2.sub(sh);
            x3 = x3.sub(sh);
        } else if (shifted) {
            x0 = x0.sub(s0);
            x1 = x1.sub(s1);
            x2 = x2.sub(s2);
            x3 = x3.sub(s3);
        }
        x0 = x0.blend(-708.0, x0.compare(VectorOperators.LT, -708.0));
        x1 = x1.blend(-708.0, x1.compare(VectorOperators.LT, -708.0));
        x2 = x2.blend(-708.0, x2.compare(VectorOperators.LT, -708.0));
        x3 = x3.blend(-708.0, x3.compare(VectorOperators.LT, -708.0));
        DoubleVector t0 = x0.fma(LOG2E, MAGIC);
        DoubleVector t1 = x1.fma(LOG2E, MAGIC);
        DoubleVector t2 = x2.fma(LOG2E, MAGIC);
        DoubleVector t3 = x3.fma(LOG2E, MAGIC);
        DoubleVector hi = DoubleVector.broadcast(s, -LN2_HI);
        DoubleVector lo = DoubleVector.broadcast(s, -LN2_LO);
        DoubleVector k0 = t0.sub(MAGIC);
        DoubleVector k1 = t1.sub(MAGIC);
        DoubleVector k2 = t2.sub(MAGIC);
        DoubleVector k3 = t3.sub(MAGIC);
        DoubleVector r0 = k0.fma(lo, k0.fma(hi, x0));
        DoubleVector r1 = k1.fma(lo, k1.fma(hi, x1));
        DoubleVector r2 = k2.fma(lo, k2.fma(hi, x2));
        DoubleVector r3 = k3.fma(lo, k3.fma(hi, x3));
        DoubleVector p0 = DoubleVector.broadcast(s, EXP_COEF[13]);
        DoubleVector p1 = p0;
        DoubleVector p2 = p0;
        DoubleVector p3 = p0;
        for (int i = 12; i >= 0; i--) {
            DoubleVector c = DoubleVector.broadcast(s, EXP_COEF[i]);
            p0 = p0.fma(r0, c);
            p1 = p1.fma(r1, c);
            p2 = p2.fma(r2, c);
            p3 = p3.fma(r3, c);
        }
        // 2^k as in scaleOf, written out: a call the JIT declines to inline would box its vectors
        p0.mul(t0.reinterpretAsLongs().sub(MAGIC_BITS - 1023L).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles()).intoArray(v, o0);
        p1.mul(t1.reinterpretAsLongs().sub(MAGIC_BITS - 1023L).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles()).intoArray(v, o1);
        p2.mul(t2.reinterpretAsLongs().sub(MAGIC_BITS - 1023L).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles()).intoArray(v, o2);
        p3.mul(t3.reinterpretAsLongs().sub(MAGIC_BITS - 1023L).lanewise(VectorOperators.LSHL, 52)
                .reinterpretAsDoubles()).intoArray(v, o3);
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
        return sumInOrder(scratch, v.length());
    }

    /**
     * {@code a[0] + a[1] + ... + a[count - 1]} in that order from 0.0: the lane sum of {@link #sum(DoubleVector,
     * double[])} for lanes already stored, for callers that keep vectors out of calls the JIT may not inline.
     */
    public static double sumInOrder(double[] a, int count) {
        double s = 0.0;
        for (int i = 0; i < count; i++) {
            s += a[i];
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
