package org.icldynamics.data;

/**
 * One block of 32 standard normals by Box-Muller in float arithmetic from 16 consecutive SplitMix64 outputs: the
 * definition, one lane at a time, that {@link FloatBoxMullerLanes} computes 8 or 16 lanes at a time with the same bits.
 * Float runs draw with it ({@link DrawPrecision#FLOAT}); it is {@link BoxMullerBlock}'s scheme on 32-bit halves.
 *
 * <p>Lane {@code j = 0..15} takes half {@code j mod 2} (the low 32 bits, then the high) of output {@code j / 2 + 1} as
 * {@code a} and the same half of output {@code j / 2 + 9} as {@code c}:
 * <ul>
 *   <li>the radius {@code r = sqrt(-2 ln u)} of {@code u = ((a >>> 1) + 1/2) 2^-31} in {@code (0, 1]} (the 31 bits
 *       rounded to a float, so {@code r <= 6.66}), the logarithm by {@link #minusTwoLog};</li>
 *   <li>the angle {@code (pi / 2) x} with {@code x = (m(c) - 1) / 2} in {@code [0, 1/2)}, {@code m(c)} the float with
 *       {@code c}'s top 23 bits as its fraction: an eighth of a turn, {@code C = cos(pi x / 2)} and
 *       {@code S = sin(pi x / 2)} by their Taylor polynomials of degree 4 in {@code x^2} (truncation below
 *       2.5e-8);</li>
 *   <li>the octant from {@code c}'s low three bits: bit 0 swaps {@code C} and {@code S}, bit 1 negates the first, bit 2
 *       the second;</li>
 *   <li>normal {@code j} is {@code r} times the first, normal {@code j + 16} {@code r} times the second, each widened
 *       to a double (exactly).</li>
 * </ul>
 * Every step is an IEEE float operation (add, multiply, divide, fused multiply-add, square root, int-to-float
 * conversion, bit moves), so the bits are the same on every JVM and CPU, with or without vectors.
 */
final class FloatBoxMullerBlock {
    /** Normals per block, from 16 outputs (two per output). */
    static final int SIZE = 32;
    /** Lanes per block: radius and angle pairs. */
    static final int LANES = 16;
    /** SplitMix outputs per block. */
    static final int OUTPUTS = 16;
    static final int ONE_BITS = 0x3f80_0000;
    static final int FRACTION = 0x007f_ffff;
    static final int SIGN = 0x8000_0000;
    /** The bits of {@code sqrt(1/2)} as a float (rounded down): fractions above {@code sqrt 2}'s carry. */
    static final int SQRT_HALF_BITS = 0x3f35_04f3;
    /** Added to a float's bits, it moves {@code [sqrt(1/2), sqrt 2)} to exponent 0. */
    static final int OCTAVE_SHIFT = ONE_BITS - SQRT_HALF_BITS;
    static final float TWO_POW_M31 = 0x1.0p-31f;
    static final float TWO_POW_M32 = 0x1.0p-32f;
    /** {@code -2 ln 2} in two parts, the first with its low 9 bits zero so that {@code e} times it is exact. */
    static final float MINUS_TWO_LN2_HI = -2 * 0.693145751953125f;
    static final float MINUS_TWO_LN2_LO = -2 * 1.4286068202862268e-06f;
    /** {@code atanh(s) / s = 1 + z P(z)}, {@code z = s^2 <= 0.0295}: P's Taylor coefficients, lowest power first. */
    static final float A0 = 1f / 3;
    static final float A1 = 1f / 5;
    static final float A2 = 1f / 7;
    static final float A3 = 1f / 9;
    /** {@code cos(pi x / 2)} in powers of {@code t = x^2 <= 1/4}, lowest first. */
    static final float C0 = 1f;
    static final float C1 = (float) -1.2337005501361697;
    static final float C2 = (float) 0.253669507901048;
    static final float C3 = (float) -0.020863480763352957;
    static final float C4 = (float) 0.0009192602748394263;
    /** {@code sin(pi x / 2) / x} in powers of {@code t = x^2 <= 1/4}, lowest first. */
    static final float S0 = (float) 1.5707963267948966;
    static final float S1 = (float) -0.6459640975062462;
    static final float S2 = (float) 0.07969262624616703;
    static final float S3 = (float) -0.004681754135318687;
    static final float S4 = (float) 0.00016044118478735975;

    private FloatBoxMullerBlock() {
    }

    /**
     * Writes the block whose outputs are {@code mix64(s + k g)}, {@code k = 1..16}, to {@code out[at, at + 32)}.
     */
    static void fill(long s, long g, double[] out, int at) {
        for (int j = 0; j < LANES; j++) {
            int shift = 32 * (j & 1);
            int a = (int) (SplitMix.mix64(s + (j / 2 + 1) * g) >>> shift);
            int c = (int) (SplitMix.mix64(s + (j / 2 + 1 + OUTPUTS / 2) * g) >>> shift);
            float u = Math.fma((float) (a >>> 1), TWO_POW_M31, TWO_POW_M32);
            float r = (float) Math.sqrt(minusTwoLog(u));
            float x = Math.fma(Float.intBitsToFloat((c >>> 9) | ONE_BITS), 0.5f, -0.5f);
            float t = x * x;
            float t2 = t * t;
            int cl = Float.floatToRawIntBits(poly(t, t2, C0, C1, C2, C3, C4));
            int sl = Float.floatToRawIntBits(x * poly(t, t2, S0, S1, S2, S3, S4));
            int swap = (cl ^ sl) & ((c << 31) >> 31);
            out[at + j] = r * Float.intBitsToFloat(cl ^ swap ^ ((c << 30) & SIGN));
            out[at + j + LANES] = r * Float.intBitsToFloat(sl ^ swap ^ ((c << 29) & SIGN));
        }
    }

    /**
     * {@code -2 ln u} for {@code u} in {@code (0, 1]}: {@code u = 2^e m} with {@code m} in {@code [sqrt(1/2), sqrt 2)},
     * {@code f = m - 1} (exact), {@code s = f / (2 + f)}, {@code ln m = 2 s + 2 s z P(z)}, {@code z = s^2}.
     */
    static float minusTwoLog(float u) {
        int ix = Float.floatToRawIntBits(u) + OCTAVE_SHIFT;
        float e = (float) ((ix >> 23) - 127);
        float m = Float.intBitsToFloat((ix & FRACTION) + SQRT_HALF_BITS);
        float f = m - 1f;
        float s = f / (2f + f);
        float z = s * s;
        float p = Math.fma(z * z, Math.fma(A3, z, A2), Math.fma(A1, z, A0));
        float minusFourS = -4f * s;
        return Math.fma(e, MINUS_TWO_LN2_HI, Math.fma(minusFourS, z * p, Math.fma(e, MINUS_TWO_LN2_LO, minusFourS)));
    }

    /** {@code c0 + c1 t + ... + c4 t^4} by Estrin's scheme, given {@code t2 = t^2}. */
    static float poly(float t, float t2, float c0, float c1, float c2, float c3, float c4) {
        return Math.fma(t2 * t2, c4, Math.fma(t2, Math.fma(c3, t, c2), Math.fma(c1, t, c0)));
    }
}
