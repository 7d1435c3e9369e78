package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Ziggurat#fill} against the ziggurat's definition drawn one normal at a time ({@link Oracle}): the same bits
 * for every seed and every way of splitting the draws into fills, and the generator left in the same state.
 */
class ZigguratOracleTest {
    /**
     * The definition on the child generator {@code rng.split(rng)} (the JDK's own SplittableRandom, not the
     * ziggurat's copy of its mixing): per draw one output; inside the inner rectangle {@code u x[i]}; the base layer
     * beyond R by Marsaglia's exponential method; a wedge point against {@code StrictMath.exp} itself (none of the
     * cheap bounds); a rejected point redrawn. Counts the tail and wedge cases so that tests can show they ran.
     */
    static final class Oracle {
        private final SplittableRandom child;
        int tails;
        int wedgeAccepted;
        int wedgeRejected;

        Oracle(SplittableRandom rng) {
            child = rng.split(rng);
        }

        private double open01() {
            return ((child.nextLong() >>> 11) + 1) * 0x1.0p-53;
        }

        double next() {
            while (true) {
                long b = child.nextLong();
                int i = (int) (b & 0xff);
                double u = Double.longBitsToDouble(0x4000_0000_0000_0000L | (b >>> 12)) - 3.0;
                double x = u * Ziggurat.X[i];
                if (Math.abs(u) < Ziggurat.X[i + 1] / Ziggurat.X[i]) {
                    return x;
                }
                if (i == 0) {
                    tails++;
                    double t;
                    double e;
                    do {
                        t = -StrictMath.log(open01()) / Ziggurat.R;
                        e = -StrictMath.log(open01());
                    } while (2 * e < t * t);
                    return Math.copySign(Ziggurat.R + t, u);
                }
                double y = Ziggurat.F[i] + (child.nextLong() >>> 11) * 0x1.0p-53 * (Ziggurat.F[i + 1] - Ziggurat.F[i]);
                if (y < StrictMath.exp(-0.5 * x * x)) {
                    wedgeAccepted++;
                    return x;
                }
                wedgeRejected++;
            }
        }

        long nextOutput() {
            return child.nextLong();
        }
    }

    /** Fills of the given sizes, one after another, compared draw by draw; then the next output of both. */
    private static Oracle assertSameAsOracle(long seed, int[] sizes) {
        SplittableRandom a = new SplittableRandom(seed);
        SplittableRandom b = new SplittableRandom(seed);
        Ziggurat z = Ziggurat.split(a);
        Oracle o = new Oracle(b);
        int drawn = 0;
        for (int size : sizes) {
            double[] out = new double[size + 2];
            out[0] = 7.0;
            out[size + 1] = 8.0;
            z.fill(out, 1, size);
            assertEquals(7.0, out[0], "seed " + seed + ": wrote before the range");
            assertEquals(8.0, out[size + 1], "seed " + seed + ": wrote after the range");
            for (int j = 0; j < size; j++) {
                double want = o.next();
                if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(out[1 + j])) {
                    assertEquals(want, out[1 + j], "seed " + seed + ", draw " + (drawn + j) + " (fill of " + size
                            + " at " + drawn + ")");
                }
            }
            drawn += size;
        }
        assertEquals(o.nextOutput(), z.nextLong(), "seed " + seed + ": generator state after " + drawn + " draws");
        assertEquals(b.nextLong(), a.nextLong(), "seed " + seed + ": parent stream after the split");
        return o;
    }

    /** 400 seeds, 1 to 6 fills each of 0 to 2000 draws (a third of them under 10), including empty fills. */
    @Test
    void everySplitOfTheDrawsGivesTheOraclesBits() {
        SplittableRandom pick = new SplittableRandom(2026_12_05L);
        int tails = 0;
        int wedges = 0;
        for (int seed = 0; seed < 400; seed++) {
            int[] sizes = new int[1 + pick.nextInt(6)];
            for (int j = 0; j < sizes.length; j++) {
                sizes[j] = pick.nextInt(3) == 0 ? pick.nextInt(10) : pick.nextInt(2001);
            }
            Oracle o = assertSameAsOracle(seed, sizes);
            tails += o.tails;
            wedges += o.wedgeRejected;
        }
        assertTrue(tails > 0 && wedges > 0, "tails " + tails + ", rejected wedge points " + wedges);
    }

    /** Every count from 0 to 2000 as one fill, and as a fill of 1 followed by the rest. */
    @Test
    void everyCountUpToTwoThousandGivesTheOraclesBits() {
        for (int count = 0; count <= 2000; count++) {
            assertSameAsOracle(10_000 + count, new int[] {count});
            assertSameAsOracle(20_000 + count, new int[] {Math.min(1, count), count - Math.min(1, count)});
        }
    }

    /**
     * Four million draws in fills of 1 to 1024 (hundreds of base-layer tails, tens of thousands of wedge points
     * accepted and rejected, and with them the rare points the cheap bounds leave to the exponential).
     */
    @Test
    void millionsOfDrawsInUnevenFillsGiveTheOraclesBits() {
        SplittableRandom pick = new SplittableRandom(99);
        int[] sizes = new int[8000];
        int total = 0;
        for (int j = 0; j < sizes.length; j++) {
            sizes[j] = 1 + pick.nextInt(1024);
            total += sizes[j];
        }
        Oracle o = assertSameAsOracle(4, sizes);
        assertTrue(total > 4_000_000, "total " + total);
        assertTrue(o.tails > 100, "tails " + o.tails);
        assertTrue(o.wedgeAccepted > 10_000 && o.wedgeRejected > 10_000,
                "wedge points accepted " + o.wedgeAccepted + ", rejected " + o.wedgeRejected);
    }

    /**
     * {@code fastRun} mixes two outputs ahead of the slot it tests: from every start state of 300 sequences and for
     * every range of 0 to 5 slots (where the outputs mixed ahead lie past {@code end}) and one of 200, it writes
     * exactly the slots before the first output that leaves the inner rectangles, each {@code u x[i]} of its own
     * output, and returns that slot (or {@code end}).
     */
    @Test
    void fastRunStopsAtTheFirstOutputThatLeavesAndWritesOnlyTheSlotsBefore() {
        SplittableRandom seeds = new SplittableRandom(2611);
        int stops = 0;
        for (int q = 0; q < 300; q++) {
            long s = seeds.nextLong();
            long g = seeds.nextLong() | 1L;
            for (int count : new int[] {0, 1, 2, 3, 4, 5, 200}) {
                double[] out = new double[count + 4];
                Arrays.fill(out, -9.0);
                int stop = Ziggurat.fastRun(out, 2, 2 + count, s, g);
                int want = 2;
                long state = s;
                while (want < 2 + count) {
                    state += g;
                    long b = Ziggurat.mix64(state);
                    int i = (int) (b & 0xff);
                    double u = Double.longBitsToDouble(0x4000_0000_0000_0000L | (b >>> 12)) - 3.0;
                    if (!(Math.abs(u) < Ziggurat.X[i + 1] / Ziggurat.X[i])) {
                        break;
                    }
                    assertEquals(Double.doubleToRawLongBits(u * Ziggurat.X[i]), Double.doubleToRawLongBits(out[want]),
                            "sequence " + q + ", slot " + want);
                    want++;
                }
                assertEquals(want, stop, "sequence " + q + ", range of " + count);
                stops += want < 2 + count ? 1 : 0;
                for (int j = 0; j < out.length; j++) {
                    if (j < 2 || j >= want) {
                        assertEquals(-9.0, out[j], "sequence " + q + ": wrote slot " + j + " outside [2, " + want
                                + ")");
                    }
                }
            }
        }
        assertTrue(stops > 0, "some range should end at a draw that leaves");
    }
}
