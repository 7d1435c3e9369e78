package org.icldynamics.data;

import java.util.SplittableRandom;

/**
 * Standard normal draws. Every Gaussian in the data pipeline goes through {@link #fill}, so a faster generator
 * changes one method. The bits drawn depend only on the stream and the count.
 *
 * <p>Definition: {@code fill(rng, out, offset, count)} takes exactly two longs from {@code rng} to make the child
 * generator {@code rng.split(rng)} would make, and writes the first {@code count} normals of the {@link Ziggurat}
 * applied to that child's {@code nextLong()} sequence. Data stream version {@link #STREAM_VERSION}: version 1 was
 * Box-Muller on {@code rng}'s own longs (icl-dynamics up to the s8 round).
 */
public final class Normals {
    /** Version of what the data streams draw: bumped whenever the same seeds give different normals. */
    public static final int STREAM_VERSION = 2;

    private Normals() {
    }

    /**
     * @param out overwritten at {@code [offset, offset + count)} with independent N(0, 1) draws
     */
    public static void fill(SplittableRandom rng, double[] out, int offset, int count) {
        checkRange(out, offset, count);
        Ziggurat.split(rng).fill(out, offset, count);
    }

    static void checkRange(double[] out, int offset, int count) {
        if (count < 0 || offset < 0 || offset + count > out.length) {
            throw new IllegalArgumentException("range [" + offset + ", " + (offset + count) + ") outside an array of "
                    + out.length);
        }
    }
}
