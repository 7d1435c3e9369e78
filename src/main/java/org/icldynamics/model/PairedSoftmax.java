package org.icldynamics.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PairedFloatAttentionKernel}'s softmax over the tokens, on 16 lanes, in place: the max, {@code exp(s - max)}
 * with the arithmetic of {@code linalg.VectorMath.expOfNonPositive} written out (its constants, clamp, reduction,
 * degree-7 Horner chain and scale, op for op, so the bits are the 8-lane kernel's; for the odd last token too, where
 * that kernel calls {@code VectorMath.exp}, which gives the same bits on inputs at most 0), the sum and the
 * normalisation. Written out because the kernel's calls of those methods take and return vectors, and PrintInlining
 * showed C2 declining to inline {@code expOfNonPositive} into the kernel's softmax in some of its compilations
 * ("callee is too large"), where its vectors would be boxed. Measured against the calls (kernel alone on a W batch,
 * 1 thread, 11 rounds each jar order): 0.98x and 1.02x, the same within the noise; kept so that no compilation
 * can box them. Four tokens' exponentials go side by side (two before): the chains of one token's reduction and Horner
 * steps are longer than the scheduler can hide with two; 247 against 287 ns per pair of prompts at W in one JVM.
 */
final class PairedSoftmax {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int LANES = 16;
    private static final float LOG2EF = 1.44269504f;
    private static final float LN2_HIF = 0.693145751953125f;
    private static final float LN2_LOF = 1.428606765330187045e-06f;
    private static final float MAGICF = 0x1.8p23f;
    private static final int MAGICF_BITS = Float.floatToRawIntBits(MAGICF);
    /** The Taylor coefficients 1/i! to degree 7, computed in double and rounded to float. */
    private static final float[] C = coefficients();

    private PairedSoftmax() {
    }

    /**
     * Scores to softmax weights, each lane over the tokens.
     *
     * @param a {@code [m, 16]} at {@code aOff}, overwritten
     */
    static void weights(float[] a, int aOff, int m) {
        if (m == 0) {
            return;
        }
        FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        FloatVector max1 = max;
        int l = 0;
        for (; l + 1 < m; l += 2) { // [m, 16] in two chains: a max over a set (NaN wins, +0 > -0), any order
            max = max.max(FloatVector.fromArray(S, a, aOff + l * LANES));
            max1 = max1.max(FloatVector.fromArray(S, a, aOff + (l + 1) * LANES));
        }
        if (l < m) {
            max = max.max(FloatVector.fromArray(S, a, aOff + l * LANES));
        }
        max = max.max(max1);
        FloatVector hi = FloatVector.broadcast(S, -LN2_HIF);
        FloatVector lo = FloatVector.broadcast(S, -LN2_LOF);
        FloatVector sum = FloatVector.zero(S);
        l = 0;
        for (; l + 3 < m; l += 4) { // [m, 16] exp(s - max), four tokens side by side (their sum in token order)
            int k = aOff + l * LANES;
            FloatVector x0 = FloatVector.fromArray(S, a, k).sub(max);
            FloatVector x1 = FloatVector.fromArray(S, a, k + LANES).sub(max);
            FloatVector x2 = FloatVector.fromArray(S, a, k + 2 * LANES).sub(max);
            FloatVector x3 = FloatVector.fromArray(S, a, k + 3 * LANES).sub(max);
            x0 = x0.blend(-87f, x0.compare(VectorOperators.LT, -87f));
            x1 = x1.blend(-87f, x1.compare(VectorOperators.LT, -87f));
            x2 = x2.blend(-87f, x2.compare(VectorOperators.LT, -87f));
            x3 = x3.blend(-87f, x3.compare(VectorOperators.LT, -87f));
            FloatVector t0 = x0.fma(LOG2EF, MAGICF);
            FloatVector t1 = x1.fma(LOG2EF, MAGICF);
            FloatVector t2 = x2.fma(LOG2EF, MAGICF);
            FloatVector t3 = x3.fma(LOG2EF, MAGICF);
            FloatVector k0 = t0.sub(MAGICF);
            FloatVector k1 = t1.sub(MAGICF);
            FloatVector k2 = t2.sub(MAGICF);
            FloatVector k3 = t3.sub(MAGICF);
            FloatVector r0 = k0.fma(lo, k0.fma(hi, x0));
            FloatVector r1 = k1.fma(lo, k1.fma(hi, x1));
            FloatVector r2 = k2.fma(lo, k2.fma(hi, x2));
            FloatVector r3 = k3.fma(lo, k3.fma(hi, x3));
            FloatVector p0 = FloatVector.broadcast(S, C[7]);
            FloatVector p1 = p0;
            FloatVector p2 = p0;
            FloatVector p3 = p0;
            for (int i = 6; i >= 0; i--) {
                FloatVector c = FloatVector.broadcast(S, C[i]);
                p0 = p0.fma(r0, c);
                p1 = p1.fma(r1, c);
                p2 = p2.fma(r2, c);
                p3 = p3.fma(r3, c);
            }
            FloatVector e0 = p0.mul(t0.reinterpretAsInts().sub(MAGICF_BITS).add(127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector e1 = p1.mul(t1.reinterpretAsInts().sub(MAGICF_BITS).add(127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector e2 = p2.mul(t2.reinterpretAsInts().sub(MAGICF_BITS).add(127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector e3 = p3.mul(t3.reinterpretAsInts().sub(MAGICF_BITS).add(127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            e0.intoArray(a, k);
            e1.intoArray(a, k + LANES);
            e2.intoArray(a, k + 2 * LANES);
            e3.intoArray(a, k + 3 * LANES);
            sum = sum.add(e0).add(e1).add(e2).add(e3);
        }
        for (; l < m; l++) { // [m mod 4] the last tokens one at a time
            int k = aOff + l * LANES;
            FloatVector x0 = FloatVector.fromArray(S, a, k).sub(max);
            x0 = x0.blend(-87f, x0.compare(VectorOperators.LT, -87f));
            FloatVector t0 = x0.fma(LOG2EF, MAGICF);
            FloatVector k0 = t0.sub(MAGICF);
            FloatVector r0 = k0.fma(lo, k0.fma(hi, x0));
            FloatVector p0 = FloatVector.broadcast(S, C[7]);
            for (int i = 6; i >= 0; i--) {
                p0 = p0.fma(r0, FloatVector.broadcast(S, C[i]));
            }
            FloatVector e0 = p0.mul(t0.reinterpretAsInts().sub(MAGICF_BITS).add(127)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            e0.intoArray(a, k);
            sum = sum.add(e0);
        }
        FloatVector inv = FloatVector.broadcast(S, 1f).div(sum);
        for (l = 0; l < m; l++) { // [m, 16] normalise
            FloatVector.fromArray(S, a, aOff + l * LANES).mul(inv).intoArray(a, aOff + l * LANES);
        }
    }

    private static float[] coefficients() {
        double[] c = new double[8];
        c[0] = 1.0;
        for (int i = 1; i < c.length; i++) {
            c[i] = c[i - 1] / i;
        }
        float[] f = new float[c.length];
        for (int i = 0; i < c.length; i++) {
            f[i] = (float) c[i];
        }
        return f;
    }
}
