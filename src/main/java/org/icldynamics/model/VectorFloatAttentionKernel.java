package org.icldynamics.model;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptDraw;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.linalg.VectorMath;

/**
 * The fast single-precision {@link AttentionKernel}: {@link VectorAttentionKernel} computed in float (8 heads of
 * floats = one 256-bit vector) for speed; inputs and results are double. Per-prompt arithmetic and the per-block
 * partial gradients are float, the loss and the block reduction are double. Agrees with the reference to float
 * accuracy (about 1e-5 relative on unit-scale data).
 *
 * <p>Because 8 float lanes fill only half of what the double kernel's 512-bit vectors hold, the float kernel wins
 * only where it does less work per vector, not by width: token sums take three coordinates per pass (one load of the
 * weights feeds three FMAs; W's nine all in one pass, {@link NineWideFloatSums}), scores and their gradient take
 * four tokens per load of the query vector, and tokens are converted eight coordinates at a time
 * ({@link VectorTokens}). Its summation order therefore differs from the
 * double kernel's (still fixed, so still deterministic). On machines whose vectors hold 16 floats (AVX-512)
 * {@link PairedFloatAttentionKernel} runs instead: two prompts per 512-bit vector, each lane this kernel's arithmetic,
 * the same bits; this kernel is AVX2's.
 *
 * <p>Packed layouts (lane = head within a group of 8): key-query {@code [groups, D, d, 8]} (only the query's
 * {@code x} columns: the query's label slots are 0, so the other columns never score and get gradient 0), value-output
 * {@code [groups, outputs, D, 8]}.
 *
 * <p>A batch handed over with its prompts still to draw is drawn one prompt at a time, each right before the kernel
 * converts its tokens to float ({@code KernelBlocks.Draw.BY_PROMPT}, {@link PromptBatch#prompts}), with the bits of a
 * batch drawn whole first.
 *
 * <p>Determinism: each block of {@link RandomStreams#BLOCK} prompts accumulates its own packed partial gradient;
 * partials are summed in block order, so results are bit-identical on any number of threads.
 */
public final class VectorFloatAttentionKernel implements AttentionKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /** Heads per vector. */
    static final int LANES = 8;

    private final KernelShape shape;
    private final BlockParallel parallel;
    private final int d;
    private final int outs;
    private final int dd;
    private final int groups;
    private final boolean softmax;

    public VectorFloatAttentionKernel(KernelShape shape, BlockParallel parallel) {
        this.shape = shape;
        this.parallel = parallel;
        this.d = shape.d();
        this.outs = shape.outputs();
        this.dd = shape.tokenWidth();
        this.groups = (shape.heads() + LANES - 1) / LANES;
        this.softmax = shape.scores() == OneLayerAttention.Scores.SOFTMAX;
    }

    @Override
    public KernelShape shape() {
        return shape;
    }

    @Override
    public double sumSquaredErrorAndGradient(PromptBatch batch, double[] kq, double[] ov, double[] gkq,
                                             double[] gov) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        float[] kqT = KernelPacking.toFloat(KernelPacking.packKq(shape, kq, LANES));
        float[] ovT = KernelPacking.toFloat(KernelPacking.packOv(shape, ov, LANES));
        double[] accKq = new double[kqT.length];
        double[] accOv = new double[ovT.length];
        double total = KernelBlocks.sumSquaredErrorAndGradient(batch, parallel, KernelBlocks.Draw.BY_PROMPT,
                KernelBlocks.FLOAT, accKq, accOv, (from, to, pkq, pov) -> runBlock(batch, from, to, kqT, ovT, null,
                        pkq, pov));
        KernelPacking.unpackKq(shape, accKq, LANES, gkq);
        KernelPacking.unpackOv(shape, accOv, LANES, gov);
        return total;
    }

    @Override
    public void predict(PromptBatch batch, double[] kq, double[] ov, double[] out) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        KernelPacking.checkOut(shape, batch, out);
        float[] kqT = KernelPacking.toFloat(KernelPacking.packKq(shape, kq, LANES));
        float[] ovT = KernelPacking.toFloat(KernelPacking.packOv(shape, ov, LANES));
        KernelBlocks.predict(batch, parallel, KernelBlocks.Draw.BY_PROMPT,
                (from, to) -> runBlock(batch, from, to, kqT, ovT, out, null, null));
    }

    /**
     * Forward (and backward when {@code pkq != null}) over prompts {@code [from, to)}.
     *
     * @param kqT packed {@code [groups, D, d, 8] (float)}, not modified
     * @param ovT packed {@code [groups, outputs, D, 8]}, not modified
     * @param out {@code [b, outputs]} or null; rows {@code [from, to)} overwritten with predictions
     * @param pkq packed like kqT or null; the block's gradient is added
     * @param pov packed like ovT or null; the block's gradient is added
     * @return the block's sum of squared errors
     */
    private double runBlock(PromptBatch batch, int from, int to, float[] kqT, float[] ovT, double[] out,
                            float[] pkq, float[] pov) {
        int n = batch.n;
        int m = KernelPacking.attendedCount(shape, n);
        float scale = softmax ? 1f : (float) KernelPacking.linearScale(shape, n); // linear: the dots take the 1/n
        float[] z = new float[Math.max(1, m) * dd];  // [m, D] attended tokens
        float[] xq = new float[d];                    // [d] query input
        float[] q = new float[dd * LANES];            // [D, 8] KQ_h z_q
        float[] a = new float[groups * m * LANES];    // [groups, m, 8] weights
        float[] u = new float[groups * dd * LANES];   // [groups, D, 8] sum_l a_l z_l
        float[] du = new float[dd * LANES];           // [D, 8]
        float[] ds = new float[m * LANES];            // [m, 8]
        float[] yhat = new float[outs];
        float[] g = new float[outs];
        double sse = 0.0;
        PromptDraw prompts = batch.prompts(from / RandomStreams.BLOCK); // each drawn right before it is read
        for (int p = from; p < to; p++) {
            prompts.next(null);
            VectorTokens.fill(shape, batch, p, z, xq);
            Arrays.fill(yhat, 0f);
            for (int gr = 0; gr < groups; gr++) {
                forwardGroup(gr, m, scale, z, xq, kqT, ovT, q, a, u, yhat);
            }
            for (int c = 0; c < outs; c++) { // [outputs] residuals
                float r = yhat[c] - (float) batch.yq[p * outs + c];
                sse += (double) r * r;
                g[c] = 2f * r;
                if (out != null) {
                    out[p * outs + c] = yhat[c];
                }
            }
            if (pkq != null) {
                for (int gr = 0; gr < groups; gr++) {
                    backwardGroup(gr, m, scale, z, xq, ovT, a, u, g, du, ds, pkq, pov);
                }
            }
        }
        return sse;
    }

    /** Scores, weights and head mix of one group of 8 heads; adds its output to {@code yhat}. */
    private void forwardGroup(int gr, int m, float scale, float[] z, float[] xq, float[] kqT, float[] ovT,
                              float[] q, float[] a, float[] u, float[] yhat) {
        int kqOff = gr * dd * d * LANES;
        for (int i = 0; i < dd; i++) { // [D, 8] = [D, d, 8] x [d]
            FloatVector acc = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                acc = FloatVector.fromArray(S, kqT, kqOff + (i * d + j) * LANES).fma(FloatVector.broadcast(S, xq[j]), acc);
            }
            acc.intoArray(q, i * LANES);
        }
        int aOff = gr * m * LANES;
        tokenDots(q, z, m, scale, a, aOff); // [m, 8] scores s_l = z_l . q (linear: scaled, the weights)
        weights(a, aOff, m); // [m, 8] softmax
        int uOff = gr * dd * LANES;
        tokenSums(a, aOff, z, m, u, uOff); // [D, 8] = sum_l a_l z_l
        int ovOff = gr * outs * dd * LANES;
        for (int c = 0; c < outs; c++) { // [outputs] += sum over heads of OV_h u_h
            FloatVector acc = FloatVector.zero(S);
            for (int i = 0; i < dd; i++) {
                acc = FloatVector.fromArray(S, ovT, ovOff + (c * dd + i) * LANES)
                        .fma(FloatVector.fromArray(S, u, uOff + i * LANES), acc);
            }
            acc.intoArray(q, 0); // q is free scratch by now; lane-order sum (reduceLanes order is unspecified)
            float h = 0;
            for (int k = 0; k < LANES; k++) {
                h += q[k];
            }
            yhat[c] += h;
        }
    }

    /**
     * Scores to softmax weights in place (linear scores are already their weights: the dots took the scale). A method
     * of its own that takes no vectors, so the JIT compiles it whole: inlined into a caller as large as forwardGroup,
     * its vector helpers passed C2's node-count cutoff and were called with boxed vectors.
     *
     * @param a {@code [m, 8]} at {@code aOff}, overwritten
     */
    private void weights(float[] a, int aOff, int m) {
        if (softmax && m > 0) {
            FloatVector max = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (int l = 0; l < m; l++) { // [m, 8]
                max = max.max(FloatVector.fromArray(S, a, aOff + l * LANES));
            }
            FloatVector sum = FloatVector.zero(S);
            int l = 0;
            for (; l + 1 < m; l += 2) { // [m, 8] exp(s - max), two tokens side by side
                int k = aOff + l * LANES;
                VectorMath.expOfNonPositive(FloatVector.fromArray(S, a, k).sub(max),
                        FloatVector.fromArray(S, a, k + LANES).sub(max), a, k, k + LANES);
                sum = sum.add(FloatVector.fromArray(S, a, k)).add(FloatVector.fromArray(S, a, k + LANES));
            }
            if (l < m) { // odd m: the last token
                FloatVector e = VectorMath.exp(FloatVector.fromArray(S, a, aOff + l * LANES).sub(max));
                e.intoArray(a, aOff + l * LANES);
                sum = sum.add(e);
            }
            FloatVector inv = FloatVector.broadcast(S, 1f).div(sum);
            for (l = 0; l < m; l++) { // [m, 8] normalise
                FloatVector.fromArray(S, a, aOff + l * LANES).mul(inv).intoArray(a, aOff + l * LANES);
            }
        }
    }

    /** Adds one prompt's gradient for one group of 8 heads; {@code g = 2 (yhat - y_q)}. */
    private void backwardGroup(int gr, int m, float scale, float[] z, float[] xq, float[] ovT, float[] a,
                               float[] u, float[] g, float[] du, float[] ds, float[] pkq, float[] pov) {
        int uOff = gr * dd * LANES;
        int ovOff = gr * outs * dd * LANES;
        for (int i = 0; i < dd; i++) { // [D, 8]: du = OV^T g, dOV += g u^T
            FloatVector ui = FloatVector.fromArray(S, u, uOff + i * LANES);
            FloatVector acc = FloatVector.zero(S);
            for (int c = 0; c < outs; c++) {
                int k = ovOff + (c * dd + i) * LANES;
                acc = FloatVector.fromArray(S, ovT, k).fma(FloatVector.broadcast(S, g[c]), acc);
                ui.fma(FloatVector.broadcast(S, g[c]), FloatVector.fromArray(S, pov, k)).intoArray(pov, k);
            }
            acc.intoArray(du, i * LANES);
        }
        int aOff = gr * m * LANES;
        tokenDots(du, z, m, scale, ds, 0); // [m, 8] da_l = z_l . du (linear: ds_l = scale da_l, done)
        if (softmax) {
            FloatVector mean = FloatVector.zero(S);
            for (int l = 0; l < m; l++) { // [m, 8] sum_l a_l da_l
                mean = FloatVector.fromArray(S, a, aOff + l * LANES).fma(FloatVector.fromArray(S, ds, l * LANES),
                        mean);
            }
            for (int l = 0; l < m; l++) { // [m, 8] ds_l = a_l (da_l - mean)
                FloatVector.fromArray(S, a, aOff + l * LANES).mul(FloatVector.fromArray(S, ds, l * LANES).sub(mean))
                        .intoArray(ds, l * LANES);
            }
        }
        int kqOff = gr * dd * d * LANES;
        tokenSums(ds, 0, z, m, du, 0); // [D, 8] = sum_l ds_l z_l (du is free scratch by now)
        for (int i = 0; i < dd; i++) { // [D, d, 8] += (sum_l ds_l z_l) x_q^T
            FloatVector e = FloatVector.fromArray(S, du, i * LANES);
            for (int j = 0; j < d; j++) {
                int k = kqOff + (i * d + j) * LANES;
                e.fma(FloatVector.broadcast(S, xq[j]), FloatVector.fromArray(S, pkq, k)).intoArray(pkq, k);
            }
        }
    }

    /**
     * {@code out_l = scale (sum_i v_i z_l[i])} for every attended token, each a chain over i in order, then one product
     * by {@code scale} unless it is 1 (linear scores' 1/n, taken here rather than in passes of their own over the
     * scores and their gradients); four tokens at a time, so one load of {@code v_i} feeds four independent FMA chains.
     *
     * @param v {@code [D, 8]}, not modified
     * @param z {@code [m, D]}, not modified
     * @param out {@code [m, 8]} at {@code outOff}, overwritten
     */
    private void tokenDots(float[] v, float[] z, int m, float scale, float[] out, int outOff) {
        int l = 0;
        for (; l + 3 < m; l += 4) { // [m, 8] in fours
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S);
            int z0 = l * dd;
            for (int i = 0; i < dd; i++) {
                FloatVector vi = FloatVector.fromArray(S, v, i * LANES);
                s0 = vi.fma(FloatVector.broadcast(S, z[z0 + i]), s0);
                s1 = vi.fma(FloatVector.broadcast(S, z[z0 + dd + i]), s1);
                s2 = vi.fma(FloatVector.broadcast(S, z[z0 + 2 * dd + i]), s2);
                s3 = vi.fma(FloatVector.broadcast(S, z[z0 + 3 * dd + i]), s3);
            }
            if (scale != 1f) {
                s0 = s0.mul(scale);
                s1 = s1.mul(scale);
                s2 = s2.mul(scale);
                s3 = s3.mul(scale);
            }
            int k = outOff + l * LANES;
            s0.intoArray(out, k);
            s1.intoArray(out, k + LANES);
            s2.intoArray(out, k + 2 * LANES);
            s3.intoArray(out, k + 3 * LANES);
        }
        for (; l < m; l++) { // [m mod 4, 8]
            FloatVector s = FloatVector.zero(S);
            for (int i = 0; i < dd; i++) {
                s = FloatVector.fromArray(S, v, i * LANES).fma(FloatVector.broadcast(S, z[l * dd + i]), s);
            }
            if (scale != 1f) {
                s = s.mul(scale);
            }
            s.intoArray(out, outOff + l * LANES);
        }
    }

    /**
     * {@code out[i] = sum_l w_l z_l[i]} for every token coordinate i: three coordinates at a time, each with two
     * accumulators (even and odd l), so one load of {@code w_l} feeds three FMAs and six independent chains hide the
     * FMA latency (one coordinate per pass, as before, was the kernel's largest cost); the order is fixed.
     *
     * @param w {@code [m, 8]} at {@code wOff}, not modified
     * @param z {@code [m, D]}, not modified
     * @param out {@code [D, 8]} at {@code outOff}, overwritten
     */
    private void tokenSums(float[] w, int wOff, float[] z, int m, float[] out, int outOff) {
        if (dd == NineWideFloatSums.WIDTH) { // W's tokens: all nine coordinates in one pass
            NineWideFloatSums.sums(w, wOff, z, m, out, outOff);
            return;
        }
        int i = 0;
        for (; i + 2 < dd; i += 3) { // [D, 8] in threes
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = FloatVector.zero(S);
            FloatVector a2 = FloatVector.zero(S);
            FloatVector b0 = FloatVector.zero(S);
            FloatVector b1 = FloatVector.zero(S);
            FloatVector b2 = FloatVector.zero(S);
            int l = 0;
            for (; l + 1 < m; l += 2) { // [m, 8] in pairs
                FloatVector wa = FloatVector.fromArray(S, w, wOff + l * LANES);
                FloatVector wb = FloatVector.fromArray(S, w, wOff + (l + 1) * LANES);
                int za = l * dd + i;
                int zb = za + dd;
                a0 = wa.fma(FloatVector.broadcast(S, z[za]), a0);
                a1 = wa.fma(FloatVector.broadcast(S, z[za + 1]), a1);
                a2 = wa.fma(FloatVector.broadcast(S, z[za + 2]), a2);
                b0 = wb.fma(FloatVector.broadcast(S, z[zb]), b0);
                b1 = wb.fma(FloatVector.broadcast(S, z[zb + 1]), b1);
                b2 = wb.fma(FloatVector.broadcast(S, z[zb + 2]), b2);
            }
            if (l < m) { // odd m: the last token
                FloatVector wa = FloatVector.fromArray(S, w, wOff + l * LANES);
                int za = l * dd + i;
                a0 = wa.fma(FloatVector.broadcast(S, z[za]), a0);
                a1 = wa.fma(FloatVector.broadcast(S, z[za + 1]), a1);
                a2 = wa.fma(FloatVector.broadcast(S, z[za + 2]), a2);
            }
            a0.add(b0).intoArray(out, outOff + i * LANES);
            a1.add(b1).intoArray(out, outOff + (i + 1) * LANES);
            a2.add(b2).intoArray(out, outOff + (i + 2) * LANES);
        }
        for (; i < dd; i++) { // [D mod 3, 8]
            FloatVector a0 = FloatVector.zero(S);
            FloatVector b0 = FloatVector.zero(S);
            int l = 0;
            for (; l + 1 < m; l += 2) {
                a0 = FloatVector.fromArray(S, w, wOff + l * LANES).fma(FloatVector.broadcast(S, z[l * dd + i]), a0);
                b0 = FloatVector.fromArray(S, w, wOff + (l + 1) * LANES)
                        .fma(FloatVector.broadcast(S, z[(l + 1) * dd + i]), b0);
            }
            if (l < m) {
                a0 = FloatVector.fromArray(S, w, wOff + l * LANES).fma(FloatVector.broadcast(S, z[l * dd + i]), a0);
            }
            a0.add(b0).intoArray(out, outOff + i * LANES);
        }
    }
}
