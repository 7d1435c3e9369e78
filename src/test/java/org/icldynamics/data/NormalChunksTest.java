package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NormalChunksTest {
    /** Counts around the chunk size (512 draws), odd counts (the single-draw tail) and a block's worth. */
    @Test
    void chunkedReadsEqualOneFillCallBitForBitAndLeaveTheStreamInTheSameState() {
        for (int count : new int[] {1, 2, 511, 512, 513, 1024, 1025, 19_520, 19_521}) {
            double[] expected = new double[count];
            SplittableRandom whole = new SplittableRandom(11 + count);
            Normals.fill(whole, expected, 0, count);
            SplittableRandom chunked = new SplittableRandom(11 + count);
            NormalChunks g = new NormalChunks(chunked, count);
            for (int i = 0; i < count; i++) {
                assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(g.next()),
                        "count " + count + " draw " + i);
            }
            assertEquals(whole.nextLong(), chunked.nextLong(), "stream state after " + count + " draws");
        }
    }

    @Test
    void readingPastTheCountFails() {
        NormalChunks g = new NormalChunks(new SplittableRandom(1), 3);
        for (int i = 0; i < 3; i++) {
            g.next();
        }
        assertThrows(IllegalStateException.class, g::next);
    }
}
