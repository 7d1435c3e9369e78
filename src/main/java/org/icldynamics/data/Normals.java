package org.icldynamics.data;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.icldynamics.linalg.VectorMath;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Standard normal draws. Every Gaussian in the data pipeline goes through {@link #fill}, so a faster generator
 * changes one method. The bits drawn depend only on the stream and the count.
 *
 * <p>Method: Box-Muller on pairs of 53-bit uniforms from {@link SplittableRandom#nextLong()},
 * {@code r = sqrt(-2 ln u1)} with {@code u1} in {@code (0, 1]}, {@code theta = 2 pi u2} with {@code u2} in
 * {@code [0, 1)}; {@code r cos theta} and {@code r sin theta} are independent N(0, 1). Uniforms are drawn in chunks
 * of {@link #CHUNK} pairs and transformed with the bit-reproducible {@link VectorMath} functions; within a
 * chunk of P pairs the cosines fill the first P slots and the sines the next P. An odd count uses the cosine of one
 * extra pair for the last draw.
 */
public final class Normals {
    /** The machine's widest vectors: every operation here is lane-wise, so the bits do not depend on the width. */
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
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
        int i = 0;
        for (int bound = S.loopBound(pairs); i < bound; i += S.length()) { // [pairs] in vectors, read before write
            DoubleVector r = VectorMath.log(DoubleVector.fromArray(S, buf, at + i)).mul(-2.0)
                    .lanewise(VectorOperators.SQRT);
            VectorMath.scaledCosSinTurns(DoubleVector.fromArray(S, buf, at + pairs + i), r, buf, at + i,
                    at + pairs + i);
        }
        if (i < pairs) { // [pairs] tail, through full vectors so the bits equal the vector path
            double[] t1 = new double[S.length()];
            double[] t2 = new double[S.length()];
            double[] res = new double[2 * S.length()];
            Arrays.fill(t1, 1.0);
            System.arraycopy(buf, at + i, t1, 0, pairs - i);
            System.arraycopy(buf, at + pairs + i, t2, 0, pairs - i);
            DoubleVector r = VectorMath.log(DoubleVector.fromArray(S, t1, 0)).mul(-2.0).lanewise(VectorOperators.SQRT);
            VectorMath.scaledCosSinTurns(DoubleVector.fromArray(S, t2, 0), r, res, 0, S.length());
            System.arraycopy(res, 0, buf, at + i, pairs - i);
            System.arraycopy(res, S.length(), buf, at + pairs + i, pairs - i);
        }
    }
}
