package org.icldynamics.data;

import java.util.SplittableRandom;

/**
 * Standard normal draws. Every Gaussian in the data pipeline goes through {@link #fill}, so a faster generator
 * changes one method. The bits drawn depend only on the stream and the count.
 *
 * <p>Definition: {@code fill(rng, out, offset, count)} takes exactly two longs from {@code rng} to make the child
 * generator {@code rng.split(rng)} would make, and writes the first {@code count} normals of {@link BoxMuller} (blocks
 * of 16 from 16 outputs each, {@link BoxMullerBlock}) applied to that child's {@code nextLong()} sequence. Data stream
 * version {@link #STREAM_VERSION}: version 1 was Box-Muller with {@link StrictMath} on {@code rng}'s own longs
 * (icl-dynamics up to the s8 round), version 2 a 256-layer ziggurat on the same child (up to the s14 round). Float
 * runs draw version {@link #FLOAT_STREAM_VERSION} ({@link DrawPrecision#FLOAT}): the same child, blocks of 32 from 16
 * outputs ({@link FloatBoxMullerBlock}).
 */
public final class Normals {
    /** Version of what double runs draw: bumped whenever the same seeds give different normals. */
    public static final int STREAM_VERSION = 3;
    /** Version of what float runs draw ({@link DrawPrecision#FLOAT}), from icl-dynamics' s18 round. */
    public static final int FLOAT_STREAM_VERSION = 4;

    private Normals() {
    }

    /**
     * @param out overwritten at {@code [offset, offset + count)} with independent N(0, 1) draws
     */
    public static void fill(SplittableRandom rng, double[] out, int offset, int count) {
        fill(rng, out, offset, count, DrawPrecision.DOUBLE);
    }

    /**
     * {@link #fill(SplittableRandom, double[], int, int)} in the given arithmetic: with {@link DrawPrecision#FLOAT},
     * {@link FloatBoxMullerBlock}'s normals (blocks of 32 from 16 outputs) on the same child generator.
     */
    public static void fill(SplittableRandom rng, double[] out, int offset, int count, DrawPrecision precision) {
        checkRange(out, offset, count);
        BoxMuller.split(rng, precision).fill(out, offset, count);
    }

    static void checkRange(double[] out, int offset, int count) {
        if (count < 0 || offset < 0 || offset + count > out.length) {
            throw new IllegalArgumentException("range [" + offset + ", " + (offset + count) + ") outside an array of "
                    + out.length);
        }
    }
}
