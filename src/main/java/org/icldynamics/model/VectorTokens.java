package org.icldynamics.model;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.data.PromptBatch;

/**
 * Copies one prompt's attended tokens out of a {@link PromptBatch} for the head-as-lane kernels
 * ({@link VectorFloatAttentionKernel} always, {@link VectorAttentionKernel} only when the query attends to itself:
 * otherwise it reads the batch in place through {@link TokenRows}), moving each token's {@code x} one vector of
 * the machine's widest doubles at a time (4 with AVX2, 8 with AVX-512): a scalar element loop took 14% (double) and
 * 22% (float, with the conversion) of those kernels' time. Kept apart from {@link KernelPacking} so the reference
 * kernel never loads the vector module. Conventions (attended tokens, query slot) are those of
 * {@link ReferenceAttentionKernel}.
 */
final class VectorTokens {
    /** Plain copies: the machine's widest vectors (any width gives the same bits). */
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /**
     * The conversion to float: the machine's widest doubles into floats of half the bit size (4 per step with AVX2,
     * 8 with AVX-512; a wider species than the hardware's runs in the Vector API's slow Java fallback).
     */
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class,
            VectorShape.forBitSize(D.vectorBitSize() / 2));

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
     * The same tokens rounded to float (round to nearest, as a {@code (float)} cast). The token loop is the inner
     * one: per token, the loops over a token's few coordinates (one vector, no remainder, one label at W) cost more
     * than the copies (at W on AVX-512, 234 against 414 ns per prompt, the machine under load).
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
        int dv = D.loopBound(d);
        int n = batch.n;
        for (int i = 0; i < dv; i += D.length()) { // [d] in vectors, each over all tokens: [n, D]
            for (int l = 0; l < n; l++) {
                toFloat(x, xo + l * d + i).intoArray(z, l * dd + i);
            }
        }
        for (int i = dv; i < d; i++) { // [d mod lanes] the remaining inputs, each over all tokens
            for (int l = 0; l < n; l++) {
                z[l * dd + i] = (float) x[xo + l * d + i];
            }
        }
        for (int c = 0; c < o; c++) { // [outputs] the labels, each over all tokens
            for (int l = 0; l < n; l++) {
                z[l * dd + d + c] = (float) y[yo + l * o + c];
            }
        }
        int i = 0;
        for (; i < dv; i += D.length()) { // [d] in vectors
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

    /** {@code a[from, from + D.length())} rounded to float. */
    private static FloatVector toFloat(double[] a, int from) {
        return (FloatVector) DoubleVector.fromArray(D, a, from).convertShape(VectorOperators.D2F, F, 0);
    }
}
