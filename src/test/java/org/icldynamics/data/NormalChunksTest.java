package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalChunksTest {
    /**
     * Runs of 1, 7, 305 (a prompt of the benchmark), 511, 512 and 513 draws over totals around the refill size
     * (512 draws), odd totals and a block's worth.
     */
    @Test
    void runsEqualOneFillCallBitForBitAndLeaveTheStreamInTheSameState() {
        for (int run : new int[] {1, 7, 305, 511, 512, 513}) {
            for (int runs : new int[] {1, 2, 3, 64}) {
                int count = run * runs;
                double[] expected = new double[count];
                SplittableRandom whole = new SplittableRandom(11 + count);
                Normals.fill(whole, expected, 0, count);
                SplittableRandom chunked = new SplittableRandom(11 + count);
                NormalChunks g = new NormalChunks(chunked, count, run);
                for (int r = 0; r < runs; r++) {
                    int at = g.take(run);
                    for (int i = 0; i < run; i++) {
                        assertEquals(Double.doubleToRawLongBits(expected[r * run + i]),
                                Double.doubleToRawLongBits(g.values()[at + i]),
                                "run " + run + " x " + runs + ", draw " + (r * run + i));
                    }
                }
                assertEquals(whole.nextLong(), chunked.nextLong(), "stream state after " + count + " draws");
            }
        }
    }

    @Test
    void takingMoreThanTheCountOrALongerRunFails() {
        NormalChunks g = new NormalChunks(new SplittableRandom(1), 3, 2);
        g.take(2);
        assertThrows(IllegalStateException.class, () -> g.take(2));
        assertThrows(IllegalArgumentException.class, () -> g.take(3));
    }
}
