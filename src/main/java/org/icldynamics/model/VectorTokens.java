package org.icldynamics.model;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.data.PromptBatch;

/**
 * Copies one prompt's attended tokens out of a {@link PromptBatch} for the head-as-lane kernels
 * ({@link VectorAttentionKernel}, {@link VectorFloatAttentionKernel}), moving each token's {@code x} eight
 * coordinates at a time: a scalar element loop took 14% (double) and 22% (float, with the conversion) of those
 * kernels' time. Kept apart from {@link KernelPacking} so the reference kernel never loads the vector module.
 * Conventions (attended tokens, query slot) are those of {@link ReferenceAttentionKernel}.
 */
final class VectorTokens {
    /** Plain copies: the machine's widest vectors (any width gives the same bits). */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Eight doubles, for the conversion to eight floats. */
    private static final VectorSpecies<Double> D8 = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Float> F8 = FloatVector.SPECIES_256;

    private VectorTokens() {
    }

    /**
     * @param z {@code [m, D]}, overwritten with the attended tokens of prompt p (context, then the query if included)
     * @param xq {@code [d]}, overwritten with {@code x_q}
     */
    static void fill(KernelShape shape, PromptBatch batch, int p, double[] z, double[] xq) {
        int d = shape.d();
        int o = shape.outputs();
        int dd = shape.tokenWidth();
        double[] x = batch.x;
        double[] y = batch.y;
        int xo = batch.xIndex(p, 0);
        int yo = batch.yIndex(p, 0);
        int dv = D.loopBound(d);
        for (int l = 0; l < batch.n; l++) { // [n, D]
            int i = 0;
            for (; i < dv; i += D.length()) { // [d] in vectors
                DoubleVector.fromArray(D, x, xo + l * d + i).intoArray(z, l * dd + i);
            }
            for (; i < d; i++) {
                z[l * dd + i] = x[xo + l * d + i];
            }
            for (int c = 0; c < o; c++) {
                z[l * dd + d + c] = y[yo + l * o + c];
            }
        }
        System.arraycopy(batch.xq, p * d, xq, 0, d);
        if (KernelPacking.attendedCount(shape, batch.n) > batch.n) {
            int off = batch.n * dd;
            System.arraycopy(xq, 0, z, off, d);
            Arrays.fill(z, off + d, off + dd, 0.0);
        }
    }

    /**
     * The same tokens rounded to float (round to nearest, as a {@code (float)} cast).
     *
     * @param z {@code [m, D]}, overwritten
     * @param xq {@code [d]}, overwritten
     */
    static void fill(KernelShape shape, PromptBatch batch, int p, float[] z, float[] xq) {
        int d = shape.d();
        int o = shape.outputs();
        int dd = shape.tokenWidth();
        double[] x = batch.x;
        double[] y = batch.y;
        int xo = batch.xIndex(p, 0);
        int yo = batch.yIndex(p, 0);
        int dv = D8.loopBound(d);
        for (int l = 0; l < batch.n; l++) { // [n, D]
            int i = 0;
            for (; i < dv; i += 8) { // [d] in eights
                toFloat(x, xo + l * d + i).intoArray(z, l * dd + i);
            }
            for (; i < d; i++) {
                z[l * dd + i] = (float) x[xo + l * d + i];
            }
            for (int c = 0; c < o; c++) {
                z[l * dd + d + c] = (float) y[yo + l * o + c];
            }
        }
        int i = 0;
        for (; i < dv; i += 8) { // [d] in eights
            toFloat(batch.xq, p * d + i).intoArray(xq, i);
        }
        for (; i < d; i++) {
            xq[i] = (float) batch.xq[p * d + i];
        }
        if (KernelPacking.attendedCount(shape, batch.n) > batch.n) {
            int off = batch.n * dd;
            System.arraycopy(xq, 0, z, off, d);
            Arrays.fill(z, off + d, off + dd, 0f);
        }
    }

    /** {@code a[from, from + 8)} rounded to float. */
    private static FloatVector toFloat(double[] a, int from) {
        return (FloatVector) DoubleVector.fromArray(D8, a, from).convertShape(VectorOperators.D2F, F8, 0);
    }
}
