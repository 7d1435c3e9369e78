package org.icldynamics.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.data.PromptBatch;

/**
 * The attended tokens of two prompts for {@link PairedFloatAttentionKernel}, rounded to float (as a {@code (float)}
 * cast, so the values of {@link VectorTokens}' float fill) and stored as one long per (token, coordinate): prompt p in
 * the low 32 bits, prompt p + 1 in the high 32 (one broadcast of such a long gives each prompt's lanes their own
 * value, {@link PairedFloatProducts}). A lone last prompt is paired with zeros (filled as its own twin, then the high
 * halves cleared). Input coordinates move eight at a time (doubles to floats to longs, both prompts' halves joined by
 * a mask, a shift and an or), labels one at a time.
 */
final class PairedFloatTokens {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_512;
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    private static final long LOW = 0xffffffffL;

    private PairedFloatTokens() {
    }

    /** Both prompts' values as one long: {@code a} rounded to float in the low half, {@code b} in the high. */
    static long pack(double a, double b) {
        return (Float.floatToRawIntBits((float) a) & LOW) | ((long) Float.floatToRawIntBits((float) b) << 32);
    }

    /** The low (k = 0) or high (k = 1) float of a packed long. */
    static float unpack(long v, int k) {
        return Float.intBitsToFloat((int) (v >>> (32 * k)));
    }

    /**
     * @param p the pair's first prompt
     * @param lone whether prompt p + 1 is absent (its slots are then 0)
     * @param z {@code [m, D]} pairs, overwritten with the attended tokens (context, then the query if included)
     * @param xq {@code [d]} pairs, overwritten with {@code x_q}
     */
    static void fill(KernelShape shape, PromptBatch batch, int p, boolean lone, long[] z, long[] xq) {
        int d = shape.d();
        int o = shape.outputs();
        int dd = shape.tokenWidth();
        int n = batch.n;
        double[] x = batch.x;
        double[] y = batch.y;
        int xa = batch.xIndex(p, 0);
        int xb = lone ? xa : batch.xIndex(p + 1, 0);
        int ya = batch.yIndex(p, 0);
        int yb = lone ? ya : batch.yIndex(p + 1, 0);
        int dv = D.loopBound(d);
        for (int i = 0; i < dv; i += D.length()) { // [d] in vectors, each over all tokens: [n, D]
            for (int l = 0; l < n; l++) {
                LongVector lo = ((LongVector) ((FloatVector) DoubleVector.fromArray(D, x, xa + l * d + i)
                        .convertShape(VectorOperators.D2F, F, 0)).reinterpretAsInts()
                        .convertShape(VectorOperators.I2L, L, 0)).and(LOW);
                LongVector hi = ((LongVector) ((FloatVector) DoubleVector.fromArray(D, x, xb + l * d + i)
                        .convertShape(VectorOperators.D2F, F, 0)).reinterpretAsInts()
                        .convertShape(VectorOperators.I2L, L, 0)).lanewise(VectorOperators.LSHL, 32);
                lo.or(hi).intoArray(z, l * dd + i);
            }
        }
        for (int i = dv; i < d; i++) { // [d mod 8] the remaining inputs
            for (int l = 0; l < n; l++) {
                z[l * dd + i] = pack(x[xa + l * d + i], x[xb + l * d + i]);
            }
        }
        for (int c = 0; c < o; c++) { // [outputs] the labels
            for (int l = 0; l < n; l++) {
                long lo = Float.floatToRawIntBits((float) y[ya + l * o + c]) & LOW; // pack(), written out
                z[l * dd + d + c] = lo | (long) Float.floatToRawIntBits((float) y[yb + l * o + c]) << 32;
            }
        }
        int q = (lone ? p : p + 1) * d;
        for (int j = 0; j < d; j++) {
            xq[j] = pack(batch.xq[p * d + j], batch.xq[q + j]);
        }
        if (lone) { // the lone prompt was paired with itself: clear its twin
            for (int k = 0; k < n * dd; k++) {
                z[k] &= LOW;
            }
            for (int j = 0; j < d; j++) {
                xq[j] &= LOW;
            }
        }
        if (KernelPacking.attendedCount(shape, n) > n) {
            int off = n * dd;
            System.arraycopy(xq, 0, z, off, d);
            for (int c = 0; c < o; c++) {
                z[off + d + c] = 0L;
            }
        }
    }
}
