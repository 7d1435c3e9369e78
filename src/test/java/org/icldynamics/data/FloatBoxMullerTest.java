package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatBoxMullerBlock} (float runs' normals) against its definition: the vector lanes give the one-lane bits,
 * the normals agree with the documented Box-Muller steps computed in {@link StrictMath} to float accuracy, and their
 * moments are a standard normal's within Monte Carlo error (fills in pieces: {@code BoxMullerTest}).
 */
class FloatBoxMullerTest {
    @Test
    void vectorLanesGiveTheOneLaneBitsForEveryBlock() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && FloatBoxMullerLanes.suits(),
                "no vector module or no vectors dividing 16 lanes");
        SplittableRandom rng = new SplittableRandom(5);
        for (int blocks : new int[] {1, 2, 3, 17, 64}) {
            for (int t = 0; t < 20; t++) {
                long s = rng.nextLong();
                long g = rng.nextLong() | 1;
                double[] lanes = new double[blocks * FloatBoxMullerBlock.SIZE + 3];
                long after = FloatBoxMullerLanes.fill(s, g, lanes, 3, blocks);
                assertEquals(s + blocks * FloatBoxMullerBlock.OUTPUTS * g, after, "state after " + blocks + " blocks");
                double[] one = new double[lanes.length];
                for (int b = 0; b < blocks; b++) {
                    FloatBoxMullerBlock.fill(s + b * FloatBoxMullerBlock.OUTPUTS * g, g, one,
                            3 + b * FloatBoxMullerBlock.SIZE);
                }
                for (int i = 3; i < lanes.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(one[i]), Double.doubleToRawLongBits(lanes[i]),
                            blocks + " blocks, normal " + (i - 3));
                }
            }
        }
    }

    /**
     * The documented steps (halves, uniform, angle, octant) with {@link StrictMath}'s logarithm, sine and cosine on the
     * JDK's own {@code rng.split(rng)} child: 10^6 normals within {@code 4e-7 (1 + |z|)}, a few float roundings (the
     * polynomials' truncation is below 7e-8); a wrong half, lane order, bit, octant or coefficient would be off by
     * order 1 (measured: 1.5e-7). Every value is a float (widening is exact) and none exceeds the radius bound 6.66.
     */
    @Test
    void normalsAgreeWithBoxMullerByStrictMathOnTheJdkChild() {
        SplittableRandom parent = new SplittableRandom(29);
        SplittableRandom jdk = new SplittableRandom(29);
        int blocks = 31_250;
        double[] z = new double[blocks * FloatBoxMullerBlock.SIZE];
        Normals.fill(parent, z, 0, z.length, DrawPrecision.FLOAT);
        SplittableRandom child = jdk.split(jdk);
        double worst = 0;
        long[] out = new long[FloatBoxMullerBlock.OUTPUTS];
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < out.length; k++) {
                out[k] = child.nextLong();
            }
            for (int j = 0; j < FloatBoxMullerBlock.LANES; j++) {
                int shift = 32 * (j & 1);
                double[] pair = strict((int) (out[j / 2] >>> shift), (int) (out[j / 2 + 8] >>> shift));
                for (int h = 0; h < 2; h++) {
                    double mine = z[b * FloatBoxMullerBlock.SIZE + j + h * FloatBoxMullerBlock.LANES];
                    assertEquals(mine, (double) (float) mine, 0.0, "a float");
                    assertTrue(Math.abs(mine) <= 6.67, "within the radius bound: " + mine);
                    worst = Math.max(worst, Math.abs(mine - pair[h]) / (1 + Math.abs(pair[h])));
                }
            }
        }
        assertTrue(worst <= 4e-7, "largest deviation " + worst);
        assertEquals(jdk.nextLong(), parent.nextLong(), "the fill took two longs of the parent");
    }

    /** The normals of 32-bit halves {@code a} (radius) and {@code c} (angle), by the documented steps in StrictMath. */
    private static double[] strict(int a, int c) {
        double u = Math.fma((float) (a >>> 1), 0x1.0p-31f, 0x1.0p-32f); // the documented float uniform
        double r = StrictMath.sqrt(-2 * StrictMath.log(u));
        return BoxMullerTest.turned(r, (c >>> 9) * 0x1.0p-24, c);
    }

    /**
     * Mean, variance and fourth moment of 4 x 10^6 draws against 0, 1 and 3, each within 5 standard errors (the
     * sample moments' standard deviations are 1, sqrt 2 and sqrt 96 over sqrt(N)); and the share beyond 2 against
     * {@code 2 (1 - Phi(2)) = 0.0455} within 5 binomial standard errors.
     */
    @Test
    void momentsAreAStandardNormals() {
        int count = 4_000_000;
        double[] z = new double[count];
        Normals.fill(new SplittableRandom(77), z, 0, count, DrawPrecision.FLOAT);
        double m1 = 0;
        double m2 = 0;
        double m4 = 0;
        long beyond = 0;
        for (double v : z) {
            m1 += v;
            m2 += v * v;
            m4 += v * v * v * v;
            beyond += Math.abs(v) > 2 ? 1 : 0;
        }
        double sqrtN = Math.sqrt(count);
        assertEquals(0.0, m1 / count, 5 / sqrtN, "mean");
        assertEquals(1.0, m2 / count, 5 * Math.sqrt(2) / sqrtN, "variance");
        assertEquals(3.0, m4 / count, 5 * Math.sqrt(96) / sqrtN, "fourth moment");
        double p = 0.04550026389635842;
        assertEquals(p, beyond / (double) count, 5 * Math.sqrt(p * (1 - p) / count), "share beyond 2");
    }

    /** {@code -2 ln u} at the ends of {@code (0, 1]} and around {@code sqrt(1/2)}: within 2 float ulps. */
    @Test
    void logarithmHoldsAtItsEdges() {
        assertEquals(0f, FloatBoxMullerBlock.minusTwoLog(1f), 0f);
        float sqrtHalf = Float.intBitsToFloat(FloatBoxMullerBlock.SQRT_HALF_BITS);
        float[] us = {0x1.0p-32f, 0x1.8p-31f, 0.5f, Math.nextDown(sqrtHalf), sqrtHalf, Math.nextUp(sqrtHalf),
            Math.nextDown(1f), 0.999f, 0.75f, 0.25f, 1e-9f};
        for (float u : us) {
            float expected = (float) (-2 * StrictMath.log(u));
            assertEquals(expected, FloatBoxMullerBlock.minusTwoLog(u), 2 * Math.ulp(expected), "u = " + u);
        }
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            float u = Math.fma((float) (rng.nextInt() >>> 1), 0x1.0p-31f, 0x1.0p-32f);
            float expected = (float) (-2 * StrictMath.log(u));
            assertEquals(expected, FloatBoxMullerBlock.minusTwoLog(u), 2 * Math.ulp(expected), "u = " + u);
        }
    }
}
