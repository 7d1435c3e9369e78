package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link BoxMuller} against its definition: the vector lanes give the one-lane bits, fills in pieces give one fill's
 * bits, and the normals agree with Box-Muller computed by {@link StrictMath} on the JDK's own child generator.
 */
class BoxMullerTest {
    /**
     * Block counts around {@link BoxMullerLanes#PASS}, where the radii's scratch array is refilled; the two passes and,
     * where a vector holds 8 doubles, the one pass per block that {@link BoxMullerLanes#fill} takes there.
     */
    @Test
    void vectorLanesGiveTheOneLaneBitsForEveryBlock() {
        assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && BoxMullerLanes.suits(),
                "no vector module or no vectors dividing 8 lanes");
        SplittableRandom rng = new SplittableRandom(5);
        double[] scratch = new double[BoxMullerLanes.PASS * BoxMullerBlock.HALF];
        for (int blocks : new int[] {1, 2, 3, 63, 64, 65, 129, 200}) {
            for (int t = 0; t < 20; t++) {
                long s = rng.nextLong();
                long g = rng.nextLong() | 1;
                double[] lanes = new double[blocks * BoxMullerBlock.SIZE + 3];
                long after = BoxMullerLanes.fillInPasses(s, g, lanes, 3, blocks, scratch);
                assertEquals(s + blocks * BoxMullerBlock.SIZE * g, after, "state after " + blocks + " blocks");
                double[] byBlock = new double[lanes.length];
                if (BoxMullerLanes.oneBlockPerVector()) {
                    assertEquals(after, BoxMullerLanes.fillByBlock(s, g, byBlock, 3, blocks));
                }
                double[] one = new double[lanes.length];
                for (int b = 0; b < blocks; b++) {
                    BoxMullerBlock.fill(s + b * BoxMullerBlock.SIZE * g, g, one, 3 + b * BoxMullerBlock.SIZE);
                }
                for (int i = 3; i < lanes.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(one[i]), Double.doubleToRawLongBits(lanes[i]),
                            blocks + " blocks, normal " + (i - 3));
                    if (BoxMullerLanes.oneBlockPerVector()) {
                        assertEquals(Double.doubleToRawLongBits(one[i]), Double.doubleToRawLongBits(byBlock[i]),
                                blocks + " blocks, normal " + (i - 3) + ", one pass");
                    }
                }
            }
        }
    }

    /**
     * Box-Muller on the outputs of the JDK's {@code rng.split(rng)}, with {@link StrictMath}'s logarithm, sine and
     * cosine: 10^6 normals within {@code 1e-15 (1 + |z|)} (measured: 3.7e-16). The transform's own error (fits below 2e-16, about ten
     * roundings) is far inside; a wrong output order, bit, octant or coefficient would be off by order 1.
     */
    @Test
    void normalsAgreeWithBoxMullerByStrictMathOnTheJdkChild() {
        SplittableRandom parent = new SplittableRandom(29);
        SplittableRandom jdk = new SplittableRandom(29);
        int blocks = 62_500;
        double[] z = new double[blocks * BoxMullerBlock.SIZE];
        Normals.fill(parent, z, 0, z.length);
        SplittableRandom child = jdk.split(jdk);
        double worst = 0;
        long[] out = new long[BoxMullerBlock.SIZE];
        for (int b = 0; b < blocks; b++) {
            for (int k = 0; k < out.length; k++) {
                out[k] = child.nextLong();
            }
            for (int j = 0; j < BoxMullerBlock.HALF; j++) {
                double[] pair = strict(out[j], out[j + BoxMullerBlock.HALF]);
                for (int h = 0; h < 2; h++) {
                    double mine = z[b * BoxMullerBlock.SIZE + j + h * BoxMullerBlock.HALF];
                    worst = Math.max(worst, Math.abs(mine - pair[h]) / (1 + Math.abs(pair[h])));
                }
            }
        }
        assertTrue(worst <= 1e-15, "largest deviation " + worst);
        assertEquals(jdk.nextLong(), parent.nextLong(), "the fill took two longs of the parent");
    }

    /** The normals of outputs {@code a} (radius) and {@code c} (angle), by the documented steps in StrictMath. */
    static double[] strict(long a, long c) {
        double u = 2.0 - Double.longBitsToDouble((a >>> 12) | BoxMullerBlock.ONE_BITS);
        double r = StrictMath.sqrt(-2 * StrictMath.log(u));
        return turned(r, (Double.longBitsToDouble((c >>> 12) | BoxMullerBlock.ONE_BITS) - 1) / 2, c);
    }

    /**
     * The pair {@code r (first, second)} of the angle {@code (pi / 2) x} in StrictMath, in the octant of {@code c}'s
     * low three bits: bit 0 swaps cosine and sine, bit 1 negates the first, bit 2 the second.
     */
    static double[] turned(double r, double x, long c) {
        double cs = StrictMath.cos(StrictMath.PI / 2 * x);
        double sn = StrictMath.sin(StrictMath.PI / 2 * x);
        double first = (c & 1) != 0 ? sn : cs;
        double second = (c & 1) != 0 ? cs : sn;
        return new double[] {(c & 2) != 0 ? -r * first : r * first, (c & 4) != 0 ? -r * second : r * second};
    }

    /**
     * {@code -2 ln u} at the ends of {@code (0, 1]} and on both sides of {@code sqrt(1/2)}, where the octave moves,
     * within 2 units in the last place of {@link StrictMath#log}'s.
     */
    @Test
    void logarithmHoldsAtItsEdges() {
        assertEquals(0.0, BoxMullerBlock.minusTwoLog(1.0), 0.0);
        double sqrtHalf = Double.longBitsToDouble(BoxMullerBlock.SQRT_HALF_BITS);
        double[] us = {0x1.0p-52, 0x1.8p-52, 0.5, Math.nextDown(sqrtHalf), sqrtHalf, Math.nextUp(sqrtHalf),
            Math.nextDown(1.0), 1 - 0x1.0p-52 * 3, 0.999, 0.75, 0.25, 1e-10};
        for (double u : us) {
            double expected = -2 * StrictMath.log(u);
            assertEquals(expected, BoxMullerBlock.minusTwoLog(u), 2 * Math.ulp(expected), "u = " + u);
        }
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            double u = 2.0 - Double.longBitsToDouble((rng.nextLong() >>> 12) | BoxMullerBlock.ONE_BITS);
            double expected = -2 * StrictMath.log(u);
            assertEquals(expected, BoxMullerBlock.minusTwoLog(u), 2 * Math.ulp(expected), "u = " + u);
        }
    }

    /**
     * Fills of every size 0..70 in turn give the bits of one fill: a block's rest (of 16 normals, or 32 in float)
     * waits for the next fill.
     */
    @ParameterizedTest
    @EnumSource(DrawPrecision.class)
    void fillingInPiecesOfEverySizeEqualsOneFill(DrawPrecision precision) {
        double[] whole = new double[70 * 71 / 2];
        Normals.fill(new SplittableRandom(31), whole, 0, whole.length, precision);
        BoxMuller g = BoxMuller.split(new SplittableRandom(31), precision);
        double[] pieces = new double[whole.length];
        int at = 0;
        for (int piece = 0; piece <= 70; piece++) {
            g.fill(pieces, at, piece);
            at += piece;
        }
        for (int i = 0; i < whole.length; i++) {
            assertEquals(Double.doubleToRawLongBits(whole[i]), Double.doubleToRawLongBits(pieces[i]), "draw " + i);
        }
    }
}
