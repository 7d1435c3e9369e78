package org.icldynamics.data;

import java.util.SplittableRandom;

/**
 * Standard normal draws. Every Gaussian in the data pipeline goes through {@link #fill}, so a faster generator
 * changes one method. The bits drawn depend only on the stream and the count.
 */
public final class Normals {
    private Normals() {
    }

    /**
     * @param out overwritten at {@code [offset, offset + count)} with independent N(0, 1) draws
     */
    public static void fill(SplittableRandom rng, double[] out, int offset, int count) {
        for (int i = 0; i < count; i++) {
            out[offset + i] = rng.nextGaussian();
        }
    }
}
