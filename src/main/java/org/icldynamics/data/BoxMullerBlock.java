package org.icldynamics.data;

/**
 * One block of 16 standard normals by Box-Muller from 16 consecutive SplitMix64 outputs: the definition, one lane at a
 * time, that {@link BoxMullerLanes} computes eight lanes at a time with the same bits.
 *
 * <p>Lane {@code j = 0..7} takes output {@code j + 1} of the block as {@code a} and output {@code j + 9} as {@code c};
 * {@code m(v) = 1 + (v >>> 12) 2^-52} is the double with {@code v}'s top 52 bits as its fraction:
 * <ul>
 *   <li>the radius {@code r = sqrt(-2 ln u)} of {@code u = 2 - m(a)} in {@code (0, 1]} (so {@code r <= 8.49}), the
 *       logarithm by {@link #minusTwoLog};</li>
 *   <li>the angle {@code (pi / 2) x} with {@code x = (m(c) - 1) / 2} in {@code [0, 1/2)}: an eighth of a turn, with
 *       {@code C = cos(pi x / 2)} and {@code S = sin(pi x / 2)} by near-minimax polynomials;</li>
 *   <li>the octant from {@code c}'s low three bits (disjoint from the 52 above): bit 0 swaps {@code C} and {@code S}
 *       (the angle's mirror about 45 degrees), bit 1 negates the first, bit 2 the second, so the angle is uniform on
 *       the whole turn;</li>
 *   <li>normal {@code j} is {@code r} times the first, normal {@code j + 8} {@code r} times the second.</li>
 * </ul>
 * Every step is an IEEE operation (add, multiply, divide, fused multiply-add, square root, bit moves), so the bits are
 * the same on every JVM and CPU, with or without vectors, interpreted or compiled. The polynomials are degree 6 in the
 * square of their variable, Chebyshev fits (mpmath {@code chebyfit}, 60 digits) rounded to double, evaluated in
 * Estrin's scheme (shorter chains than Horner's: the lanes' throughput is bound by latency otherwise); their fit errors
 * are below 2e-16 relative; the normals agree with Box-Muller by {@link StrictMath} to 3.7e-16 {@code (1 + |z|)}
 * over 10^6 draws ({@code BoxMullerTest}).
 */
final class BoxMullerBlock {
    /** Normals per block, from as many outputs. */
    static final int SIZE = 16;
    static final int HALF = SIZE / 2;
    static final long ONE_BITS = 0x3ff0_0000_0000_0000L;
    static final long FRACTION = 0x000f_ffff_ffff_ffffL;
    static final long SIGN = 0x8000_0000_0000_0000L;
    /** The bits of {@code sqrt(1/2)} (rounded down): fractions above {@code sqrt 2}'s carry into the exponent. */
    static final long SQRT_HALF_BITS = 0x3fe6_a09e_667f_3bcdL;
    /** Added to a double's bits, it moves {@code [sqrt(1/2), sqrt 2)} to exponent 0. */
    static final long OCTAVE_SHIFT = ONE_BITS - SQRT_HALF_BITS;
    /** {@code 2^52 + E} has the biased exponent E in its low bits; subtracting this leaves {@code E - 1023}. */
    static final long EXPONENT_BITS = 0x4330_0000_0000_0000L;
    static final double EXPONENT_OFFSET = 0x1.0p52 + 1023;
    /** {@code -2 ln 2} in two parts, the first with its low 21 bits zero so that {@code e} times it is exact. */
    static final double MINUS_TWO_LN2_HI = -2 * 0x1.62e42fee00000p-1;
    static final double MINUS_TWO_LN2_LO = -2 * 1.9082149292705877e-10;
    /** {@code atanh(s) / s = 1 + z P(z)}, {@code z = s^2 <= 0.0295}: P's coefficients, lowest power first. */
    static final double A0 = 0.3333333333333335;
    static final double A1 = 0.19999999999949752;
    static final double A2 = 0.14285714312987743;
    static final double A3 = 0.1111110556739754;
    static final double A4 = 0.09091444562630861;
    static final double A5 = 0.07665860800278021;
    static final double A6 = 0.07308224842521703;
    /** {@code cos(pi x / 2)} in powers of {@code t = x^2 <= 1/4}, lowest first. */
    static final double C0 = 1.0;
    static final double C1 = -1.2337005501361513;
    static final double C2 = 0.25366950789986475;
    static final double C3 = -0.02086348073494657;
    static final double C4 = 0.000919259950041661;
    static final double C5 = -2.520013526428479e-05;
    static final double C6 = 4.6552961874867623e-07;
    /** {@code sin(pi x / 2) / x} in powers of {@code t = x^2 <= 1/4}, lowest first. */
    static final double S0 = 1.5707963267948966;
    static final double S1 = -0.6459640975062443;
    static final double S2 = 0.07969262624604301;
    static final double S3 = -0.004681754132340976;
    static final double S4 = 0.0001604411507421909;
    static final double S5 = -3.59864335298231e-06;
    static final double S6 = 5.633933781537854e-08;

    private BoxMullerBlock() {
    }

    /**
     * Writes the block whose outputs are {@code mix64(s + k g)}, {@code k = 1..16}, to {@code out[at, at + 16)}.
     */
    static void fill(long s, long g, double[] out, int at) {
        for (int j = 0; j < HALF; j++) {
            long a = SplitMix.mix64(s + (j + 1) * g);
            long c = SplitMix.mix64(s + (j + 1 + HALF) * g);
            double r = Math.sqrt(minusTwoLog(2.0 - Double.longBitsToDouble((a >>> 12) | ONE_BITS)));
            double x = Math.fma(Double.longBitsToDouble((c >>> 12) | ONE_BITS), 0.5, -0.5);
            double t = x * x;
            double t2 = t * t;
            double t4 = t2 * t2;
            double cs = estrin(t, t2, t4, C0, C1, C2, C3, C4, C5, C6);
            double sn = x * estrin(t, t2, t4, S0, S1, S2, S3, S4, S5, S6);
            long cl = Double.doubleToRawLongBits(cs);
            long sl = Double.doubleToRawLongBits(sn);
            long swap = (cl ^ sl) & ((c << 63) >> 63);
            out[at + j] = r * Double.longBitsToDouble(cl ^ swap ^ ((c << 62) & SIGN));
            out[at + j + HALF] = r * Double.longBitsToDouble(sl ^ swap ^ ((c << 61) & SIGN));
        }
    }

    /**
     * {@code -2 ln u} for {@code u} in {@code (0, 1]}: {@code u = 2^e m} with {@code m} in {@code [sqrt(1/2), sqrt 2)}
     * (by one integer add on the bits), {@code f = m - 1} (exact), {@code s = f / (2 + f)} with {@code |s| <= 0.172},
     * {@code ln m = 2 atanh(s) = 2 s + 2 s z P(z)}, {@code z = s^2}.
     */
    static double minusTwoLog(double u) {
        long ix = Double.doubleToRawLongBits(u) + OCTAVE_SHIFT;
        double e = Double.longBitsToDouble((ix >>> 52) | EXPONENT_BITS) - EXPONENT_OFFSET;
        double m = Double.longBitsToDouble((ix & FRACTION) + SQRT_HALF_BITS);
        double f = m - 1.0;
        double s = f / (2.0 + f);
        double z = s * s;
        double z2 = z * z;
        double p = estrin(z, z2, z2 * z2, A0, A1, A2, A3, A4, A5, A6);
        double minusFourS = -4.0 * s;
        return Math.fma(e, MINUS_TWO_LN2_HI, Math.fma(minusFourS, z * p, Math.fma(e, MINUS_TWO_LN2_LO, minusFourS)));
    }

    /** {@code c0 + c1 t + ... + c6 t^6} by Estrin's scheme, given {@code t2 = t^2} and {@code t4 = t2^2}. */
    static double estrin(double t, double t2, double t4, double c0, double c1, double c2, double c3, double c4,
                         double c5, double c6) {
        return Math.fma(Math.fma(c6, t2, Math.fma(c5, t, c4)), t4, Math.fma(Math.fma(c3, t, c2), t2, Math.fma(c1, t, c0)));
    }
}
