package org.icldynamics.model;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptDraw;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * {@link VectorFloatAttentionKernel} on AVX-512: two prompts side by side in each 512-bit vector of 16 floats, lane
 * {@code 2 h + k} for head h of the pair's prompt k (8 heads of two prompts; the 8-lane kernel fills only a 256-bit
 * vector). A token coordinate of both prompts is one 64-bit broadcast ({@link PairedFloatProducts}) and the packed
 * circuits hold each head's entry in both of its lanes, so every lane computes what the 8-lane kernel's lane h
 * computes for its prompt, op for op: the same bits. Each prompt's output sums its heads in head order (lane
 * rotations, then lanes 0 and 1). The per-block gradient partials are the 8-lane kernel's: a pair's terms are gathered
 * by prompt (one permute per token coordinate), then added prompt 0's, then prompt 1's, one 256-bit FMA each, so each
 * entry is that kernel's chain over the prompts. A block's lone last prompt runs beside a zero prompt.
 *
 * <p>What it bought (Zen 4, 1 thread, thread CPU, the 8-lane kernel's jar and this one alternating in one JVM, each
 * jar order, machine under load 6): the kernel alone on a W batch, softmax 1.29x / 1.26x, linear 1.30x / 1.31x; with
 * d doubled (D = 17) 1.37x / 1.39x; sampling plus kernel (the step without Adam) 1.05-1.11x. At 512 bits the dots and sums run at about one FMA per cycle (80-85 ns per pair of W prompts, 288
 * FMAs), the machine's 512-bit rate; the softmax exponential too. Keeping each packed gradient entry in both of its
 * lanes (FMA, copy lane, FMA, copy back) measured the same as the by-prompt gather (0.99-1.01x).
 *
 * <p>Chosen where the machine's vectors hold 16 floats ({@link #suits}); AVX2 keeps the 8-lane kernel (this one
 * gives the same bits there, in the Vector API's slow fallback). A batch still to draw is drawn by prompt, each pair
 * right before its tokens are converted.
 */
public final class PairedFloatAttentionKernel implements AttentionKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final VectorSpecies<Long> L64 = LongVector.SPECIES_512;
    /** Lanes per vector: 8 heads of 2 prompts. */
    static final int LANES = 16;
    private static final int HEADS = 8;
    /** The gradient's 8 lanes: one head of one prompt. */
    private static final VectorSpecies<Float> H = FloatVector.SPECIES_256;
    /** Lanes by prompt: prompt 0's 8 heads, then prompt 1's. */
    private static final VectorShuffle<Float> BY_PROMPT = VectorShuffle.fromOp(S, i -> i < 8 ? 2 * i : 2 * i - 15);
    /** Lane i takes lane i + 2: the next head of the same prompt. */
    private static final VectorShuffle<Float> NEXT_HEAD = VectorShuffle.fromOp(S, i -> (i + 2) % 16);

    private final KernelShape shape;
    private final BlockParallel parallel;
    private final int d;
    private final int outs;
    private final int dd;
    private final int groups;
    private final boolean softmax;

    public PairedFloatAttentionKernel(KernelShape shape, BlockParallel parallel) {
        this.shape = shape;
        this.parallel = parallel;
        this.d = shape.d();
        this.outs = shape.outputs();
        this.dd = shape.tokenWidth();
        this.groups = (shape.heads() + HEADS - 1) / HEADS;
        this.softmax = shape.scores() == OneLayerAttention.Scores.SOFTMAX;
    }

    /** Whether the machine's preferred float vectors hold 16 lanes (AVX-512), where this kernel runs natively. */
    static boolean suits() {
        return FloatVector.SPECIES_PREFERRED.length() >= LANES;
    }

    @Override
    public KernelShape shape() {
        return shape;
    }

    @Override
    public double sumSquaredErrorAndGradient(PromptBatch batch, double[] kq, double[] ov, double[] gkq,
                                             double[] gov) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        float[] kqT = paired(KernelPacking.packKq(shape, kq, HEADS));
        float[] ovT = paired(KernelPacking.packOv(shape, ov, HEADS));
        double[] accKq = new double[kqT.length / 2]; // partials on 8 lanes
        double[] accOv = new double[ovT.length / 2];
        double total = KernelBlocks.sumSquaredErrorAndGradient(batch, parallel, KernelBlocks.Draw.BY_PROMPT,
                KernelBlocks.FLOAT, accKq, accOv, (from, to, pkq, pov) -> runBlock(batch, from, to, kqT, ovT, null,
                        pkq, pov));
        KernelPacking.unpackKq(shape, accKq, HEADS, gkq);
        KernelPacking.unpackOv(shape, accOv, HEADS, gov);
        return total;
    }

    @Override
    public void predict(PromptBatch batch, double[] kq, double[] ov, double[] out) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        KernelPacking.checkOut(shape, batch, out);
        float[] kqT = paired(KernelPacking.packKq(shape, kq, HEADS));
        float[] ovT = paired(KernelPacking.packOv(shape, ov, HEADS));
        KernelBlocks.predict(batch, parallel, KernelBlocks.Draw.BY_PROMPT,
                (from, to) -> runBlock(batch, from, to, kqT, ovT, out, null, null));
    }

    /** {@code [..., 8]} to {@code [..., 16]} float, each entry in two neighbouring lanes. */
    private static float[] paired(double[] packed) {
        float[] t = new float[2 * packed.length];
        for (int i = 0; i < packed.length; i++) {
            t[2 * i] = (float) packed[i];
            t[2 * i + 1] = (float) packed[i];
        }
        return t;
    }

    /**
     * Forward (and backward when {@code pkq != null}) over prompts {@code [from, to)}, two at a time.
     *
     * @param kqT packed {@code [groups, D, d, 16]}, not modified
     * @param ovT packed {@code [groups, outputs, D, 16]}, not modified
     * @param out {@code [b, outputs]} or null; rows {@code [from, to)} overwritten with predictions
     * @param pkq {@code [groups, D, d, 8]} (the 8-lane kernel's layout) or null; the block's gradient is added
     * @param pov {@code [groups, outputs, D, 8]} or null; the block's gradient is added
     * @return the block's sum of squared errors
     */
    private double runBlock(PromptBatch batch, int from, int to, float[] kqT, float[] ovT, double[] out,
                            float[] pkq, float[] pov) {
        int n = batch.n;
        int m = KernelPacking.attendedCount(shape, n);
        float scale = softmax ? 1f : (float) KernelPacking.linearScale(shape, n); // linear: the dots take the 1/n
        long[] z = new long[Math.max(1, m) * dd];     // [m, D] attended tokens of both prompts
        long[] xq = new long[d];                      // [d] query inputs of both prompts
        long[] g = new long[outs];                    // [outputs] dL/dyhat of both prompts
        float[] q = new float[dd * LANES];            // [D, 16] KQ_h z_q
        float[] a = new float[groups * m * LANES];    // [groups, m, 16] weights
        float[] u = new float[groups * dd * LANES];   // [groups, D, 16] sum_l a_l z_l
        float[] du = new float[dd * LANES];           // [D, 16]
        float[] ds = new float[m * LANES];            // [m, 16]
        float[] yhat = new float[2 * outs];           // [2, outputs]
        float[] gf = new float[2 * outs];             // [2, outputs] dL/dyhat
        float[] xqf = new float[2 * d];               // [2, d] query inputs
        float[] half = new float[dd * LANES];         // [D, 2, 8]
        double sse = 0.0;
        PromptDraw prompts = batch.prompts(from / RandomStreams.BLOCK); // each drawn right before it is read
        for (int p = from; p < to; p += 2) {
            boolean lone = p + 1 == to;
            prompts.next(null);
            if (!lone) {
                prompts.next(null);
            }
            PairedFloatTokens.fill(shape, batch, p, lone, z, xq);
            Arrays.fill(yhat, 0f);
            for (int gr = 0; gr < groups; gr++) {
                forwardGroup(gr, m, scale, z, xq, kqT, ovT, q, a, u, yhat);
            }
            for (int k = 0; k < (lone ? 1 : 2); k++) {
                for (int c = 0; c < outs; c++) { // [outputs] residuals of prompt p + k
                    float r = yhat[k * outs + c] - (float) batch.yq[(p + k) * outs + c];
                    sse += (double) r * r;
                    gf[k * outs + c] = 2f * r;
                    if (out != null) {
                        out[(p + k) * outs + c] = yhat[k * outs + c];
                    }
                }
            }
            for (int c = 0; c < outs; c++) {
                g[c] = PairedFloatTokens.pack(gf[c], lone ? 0f : gf[outs + c]);
            }
            if (pkq != null) {
                for (int j = 0; j < d; j++) {
                    xqf[j] = PairedFloatTokens.unpack(xq[j], 0);
                    xqf[d + j] = PairedFloatTokens.unpack(xq[j], 1);
                }
                for (int gr = 0; gr < groups; gr++) {
                    backwardGroup(gr, m, scale, z, xqf, ovT, a, u, g, gf, du, ds, half, pkq, pov, lone);
                }
            }
        }
        return sse;
    }

    /** Scores, weights and head mix of one group of 8 heads for both prompts; adds their outputs to {@code yhat}. */
    private void forwardGroup(int gr, int m, float scale, long[] z, long[] xq, float[] kqT, float[] ovT,
                              float[] q, float[] a, float[] u, float[] yhat) {
        int kqOff = gr * dd * d * LANES;
        for (int i = 0; i < dd; i++) { // [D, 16] = [D, d, 16] x [d]
            FloatVector acc = FloatVector.zero(S);
            for (int j = 0; j < d; j++) {
                FloatVector xj = LongVector.broadcast(L64, xq[j]).reinterpretAsFloats();
                acc = FloatVector.fromArray(S, kqT, kqOff + (i * d + j) * LANES).fma(xj, acc);
            }
            acc.intoArray(q, i * LANES);
        }
        int aOff = gr * m * LANES;
        PairedFloatProducts.dots(q, z, m, dd, scale, a, aOff); // [m, 16] scores (linear: scaled, the weights)
        if (softmax) {
            PairedSoftmax.weights(a, aOff, m); // [m, 16] (linear scores are already their weights)
        }
        int uOff = gr * dd * LANES;
        PairedFloatProducts.sums(a, aOff, z, m, dd, u, uOff); // [D, 16] = sum_l a_l z_l
        int ovOff = gr * outs * dd * LANES;
        for (int c = 0; c < outs; c++) { // [outputs] += sum over heads of OV_h u_h
            FloatVector acc = FloatVector.zero(S);
            for (int i = 0; i < dd; i++) {
                acc = FloatVector.fromArray(S, ovT, ovOff + (c * dd + i) * LANES)
                        .fma(FloatVector.fromArray(S, u, uOff + i * LANES), acc);
            }
            FloatVector h = FloatVector.zero(S).add(acc); // lanes 0, 1: each prompt's heads summed in head order
            for (int k = 1; k < HEADS; k++) {
                acc = acc.rearrange(NEXT_HEAD);
                h = h.add(acc);
            }
            yhat[c] += h.lane(0);
            yhat[outs + c] += h.lane(1);
        }
    }

    /**
     * Adds both prompts' gradient for one group of 8 heads, in prompt order; {@code g = 2 (yhat - y_q)} of both.
     *
     * @param gf {@code [2, outputs]} g as floats
     * @param xqf {@code [2, d]} the queries as floats
     * @param half {@code [D, 16]} scratch
     * @param pkq {@code [groups, D, d, 8]} the block's partial
     * @param pov {@code [groups, outputs, D, 8]} the block's partial
     */
    private void backwardGroup(int gr, int m, float scale, long[] z, float[] xqf, float[] ovT, float[] a, float[] u,
                               long[] g, float[] gf, float[] du, float[] ds, float[] half, float[] pkq, float[] pov,
                               boolean lone) {
        int uOff = gr * dd * LANES;
        int ovOff = gr * outs * dd * LANES;
        for (int i = 0; i < dd; i++) { // [D, 16]: du = OV^T g; u by prompt
            FloatVector acc = FloatVector.zero(S);
            for (int c = 0; c < outs; c++) {
                FloatVector gc = LongVector.broadcast(L64, g[c]).reinterpretAsFloats();
                acc = FloatVector.fromArray(S, ovT, ovOff + (c * dd + i) * LANES).fma(gc, acc);
            }
            acc.intoArray(du, i * LANES);
            FloatVector.fromArray(S, u, uOff + i * LANES).rearrange(BY_PROMPT).intoArray(half, i * LANES);
        }
        addOuter(half, gf, outs, false, pov, gr * outs * dd * HEADS, lone); // [outputs, D, 8] += g u^T
        int aOff = gr * m * LANES;
        PairedFloatProducts.dots(du, z, m, dd, scale, ds, 0); // [m, 16] da_l = z_l . du (linear: ds_l, done)
        if (softmax) {
            FloatVector mean = FloatVector.zero(S);
            for (int l = 0; l < m; l++) { // [m, 16] sum_l a_l da_l
                mean = FloatVector.fromArray(S, a, aOff + l * LANES).fma(FloatVector.fromArray(S, ds, l * LANES),
                        mean);
            }
            for (int l = 0; l < m; l++) { // [m, 16] ds_l = a_l (da_l - mean)
                FloatVector.fromArray(S, a, aOff + l * LANES).mul(FloatVector.fromArray(S, ds, l * LANES).sub(mean))
                        .intoArray(ds, l * LANES);
            }
        }
        PairedFloatProducts.sums(ds, 0, z, m, dd, du, 0); // [D, 16] = sum_l ds_l z_l (du is free scratch by now)
        for (int i = 0; i < dd; i++) { // by prompt
            FloatVector.fromArray(S, du, i * LANES).rearrange(BY_PROMPT).intoArray(half, i * LANES);
        }
        addOuter(half, xqf, d, true, pkq, gr * dd * d * HEADS, lone); // [D, d, 8] += (sum_l ds_l z_l) x_q^T
    }

    /**
     * {@code acc += e w^T} for prompt 0 of the pair, then for prompt 1, on 8 lanes (one head each), as the 8-lane
     * kernel adds one prompt at a time: each entry one FMA per prompt in prompt order.
     *
     * @param e {@code [D, 2, 8]}: per token coordinate, each prompt's 8 heads, not modified
     * @param w {@code [2, len]}: each prompt's scalars, not modified
     * @param wInner whether acc is {@code [D, len, 8]} (the key-query layout) rather than {@code [len, D, 8]}
     * @param acc the block's partial at {@code off}
     */
    private void addOuter(float[] e, float[] w, int len, boolean wInner, float[] acc, int off, boolean lone) {
        for (int i = 0; i < dd; i++) {
            FloatVector e0 = FloatVector.fromArray(H, e, i * LANES);
            FloatVector e1 = FloatVector.fromArray(H, e, i * LANES + HEADS);
            for (int j = 0; j < len; j++) {
                int k = off + (wInner ? i * len + j : j * dd + i) * HEADS;
                FloatVector s = e0.fma(FloatVector.broadcast(H, w[j]), FloatVector.fromArray(H, acc, k));
                if (!lone) {
                    s = e1.fma(FloatVector.broadcast(H, w[len + j]), s);
                }
                s.intoArray(acc, k);
            }
        }
    }
}
