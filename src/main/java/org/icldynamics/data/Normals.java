package org.icldynamics.data;

import java.util.SplittableRandom;
import org.icldynamics.linalg.BoxMuller;

/**
 * Standard normal draws. Every Gaussian in the data pipeline goes through {@link #fill}, so a faster generator
 * changes one method. The bits drawn depend only on the stream and the count.
 *
 * <p>Method: Box-Muller on pairs of 53-bit uniforms from {@link SplittableRandom#nextLong()},
 * {@code r = sqrt(-2 ln u1)} with {@code u1} in {@code (0, 1]}, {@code theta = 2 pi u2} with {@code u2} in
 * {@code [0, 1)}; {@code r cos theta} and {@code r sin theta} are independent N(0, 1). Uniforms are drawn in chunks
 * of {@link #CHUNK} pairs and transformed with the bit-reproducible {@link BoxMuller} passes; within a
 * chunk of P pairs the cosines fill the first P slots and the sines the next P. An odd count uses the cosine of one
 * extra pair for the last draw.
 */
public final class Normals {
    /** Pairs per chunk. */
    static final int CHUNK = 256;
    private static final double ULP53 = 0x1.0p-53;

    private Normals() {
    }

    /**
     * @param out overwritten at {@code [offset, offset + count)} with independent N(0, 1) draws
     */
    public static void fill(SplittableRandom rng, double[] out, int offset, int count) {
        if (count < 0 || offset < 0 || offset + count > out.length) {
            throw new IllegalArgumentException("range [" + offset + ", " + (offset + count) + ") outside an array of "
                    + out.length);
        }
        int done = 0;
        while (count - done >= 2) { // uniforms are written into the output slots and transformed in place
            int pairs = Math.min(CHUNK, (count - done) / 2);
            int at = offset + done;
            drawUniforms(rng, out, at, pairs);
            transform(out, at, pairs);
            done += 2 * pairs;
        }
        if (done < count) { // odd count: cosine of one more pair
            double[] two = new double[2];
            drawUniforms(rng, two, 0, 1);
            transform(two, 0, 1);
            out[offset + done] = two[0];
        }
    }

    /**
     * @param buf overwritten at {@code [at, at + pairs)} with uniforms in (0, 1] and at
     *     {@code [at + pairs, at + 2 pairs)} with uniforms in [0, 1)
     */
    private static void drawUniforms(SplittableRandom rng, double[] buf, int at, int pairs) {
        for (int i = 0; i < pairs; i++) {
            buf[at + i] = ((rng.nextLong() >>> 11) + 1) * ULP53;
            buf[at + pairs + i] = (rng.nextLong() >>> 11) * ULP53;
        }
    }

    /**
     * @param buf {@code [2 pairs]} at {@code at}: the uniforms of {@link #drawUniforms}, overwritten with the normals
     *     (cosines then sines)
     */
    private static void transform(double[] buf, int at, int pairs) {
        BoxMuller.log(buf, at, pairs);                       // [pairs] ln u1
        BoxMuller.scaledCosSin(buf, at, at + pairs, pairs);  // [2 pairs] r cos, r sin with r = sqrt(-2 ln u1)
    }
}
