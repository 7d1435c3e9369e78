package org.icldynamics.model;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.data.PaddedTokens;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptDraw;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.linalg.VectorMath;

/**
 * {@link TokenLaneAttentionKernel} in float, for the same few-head shapes ({@link #suits}): token coordinates or
 * attended positions as the lane, 8 floats per 256-bit vector (AVX2 and AVX-512 alike, so the same bits on both).
 * The head-as-lane float kernels keep 8 head lanes whatever the head count, so with 1 or 2 heads they did more work
 * than the double token-lane kernel and ran slower than double precision; this layout does the token-lane kernel's
 * work on half-width lanes. Inputs and results are double; per-prompt arithmetic and the per-block partial gradients
 * are float, the loss and the block reduction double (as {@link VectorFloatAttentionKernel}). Agrees with the
 * reference to float accuracy.
 *
 * <p>Per prompt the tokens are drawn into {@link PaddedTokens} (rows {@code [m, Dp]} and columns {@code [D, mp]}, zero
 * padded to whole vectors), then rounded to float. The parameters are laid out as in the double kernel
 * ({@link TokenLanePacking}), then rounded to float. Every matrix-vector product is a fixed-order sum of whole rows
 * ({@link FloatRowCombinations}).
 *
 * <p>Determinism: fixed-order FMAs, {@link VectorMath#expOfNonPositive(FloatVector, FloatVector, float[], int, int)}
 * and lane-order sums only; each block of {@link RandomStreams#BLOCK} prompts accumulates its own partial gradient,
 * partials are summed in block order, so results are bit-identical on any number of threads.
 */
public final class TokenLaneFloatAttentionKernel implements AttentionKernel {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = S.length();

    private final KernelShape shape;
    private final BlockParallel parallel;
    private final int heads;
    private final int d;
    private final int outs;
    private final int dd;
    /** Token width rounded up to whole vectors. */
    private final int ddp;
    private final TokenLanePacking packing;
    private final boolean softmax;

    public TokenLaneFloatAttentionKernel(KernelShape shape, BlockParallel parallel) {
        this.shape = shape;
        this.parallel = parallel;
        this.heads = shape.heads();
        this.d = shape.d();
        this.outs = shape.outputs();
        this.dd = shape.tokenWidth();
        this.packing = TokenLanePacking.of(shape, L);
        this.ddp = packing.rowStride();
        this.softmax = shape.scores() == OneLayerAttention.Scores.SOFTMAX;
    }

    /** The shapes of {@link TokenLaneAttentionKernel#suits}: fewer than 4 heads on tokens at least 4 wide. */
    static boolean suits(KernelShape shape) {
        return TokenLaneAttentionKernel.suits(shape);
    }

    @Override
    public KernelShape shape() {
        return shape;
    }

    @Override
    public double sumSquaredErrorAndGradient(PromptBatch batch, double[] kq, double[] ov, double[] gkq,
                                             double[] gov) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        float[] kqT = KernelPacking.toFloat(packing.keyQuery(kq));
        float[] ovp = KernelPacking.toFloat(packing.valueOutput(ov));
        double[] acc = new double[kqT.length];
        double[] accOv = new double[ovp.length];
        double total = KernelBlocks.sumSquaredErrorAndGradient(batch, parallel, KernelBlocks.Draw.BY_PROMPT,
                KernelBlocks.FLOAT, acc, accOv,
                (from, to, pkq, pov) -> runBlock(batch, from, to, kqT, ovp, null, pkq, pov));
        packing.unpack(acc, accOv, gkq, gov);
        return total;
    }

    @Override
    public void predict(PromptBatch batch, double[] kq, double[] ov, double[] out) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        KernelPacking.checkOut(shape, batch, out);
        float[] kqT = KernelPacking.toFloat(packing.keyQuery(kq));
        float[] ovp = KernelPacking.toFloat(packing.valueOutput(ov));
        KernelBlocks.predict(batch, parallel, KernelBlocks.Draw.BY_PROMPT,
                (from, to) -> runBlock(batch, from, to, kqT, ovp, out, null, null));
    }

    /**
     * Forward (and backward when {@code pkq != null}) over prompts {@code [from, to)}.
     *
     * @param kqT {@code [d, h, Dp]}, not modified
     * @param ov {@code [h, outputs, Dp]}, not modified
     * @param out {@code [b, outputs]} or null; rows {@code [from, to)} overwritten with predictions
     * @param pkq {@code [d, h, Dp]} or null; the block's gradient is added
     * @param pov {@code [h, outputs, Dp]} or null; the block's gradient is added
     * @return the block's sum of squared errors
     */
    private double runBlock(PromptBatch batch, int from, int to, float[] kqT, float[] ov, double[] out,
                            float[] pkq, float[] pov) {
        int m = KernelPacking.attendedCount(shape, batch.n);
        int mp = TokenLanePacking.roundUp(m, L);
        float scale = (float) KernelPacking.linearScale(shape, batch.n);
        PaddedTokens tokens = new PaddedTokens(batch.n, m, d, outs, L, L);
        float[] z = new float[tokens.rows.length];         // [m, Dp] attended tokens
        float[] zt = new float[tokens.columns.length];     // [D, mp] the same, transposed
        float[] xq = new float[d];                         // [d]
        float[] q = new float[heads * ddp];                // [h, Dp] KQ_h z_q
        float[] a = new float[heads * Math.max(L, mp)];    // [h, mp] weights
        float[] u = new float[heads * ddp];                // [h, Dp] sum_l a_l z_l
        float[] du = new float[heads * ddp];               // [h, Dp]
        float[] ds = new float[heads * Math.max(L, mp)];   // [h, mp]
        float[] max = new float[heads];                    // [h] max_l s_hl
        float[] lanes = new float[L];
        float[] yhat = new float[outs];
        float[] g = new float[outs];
        double sse = 0.0;
        PromptDraw prompts = batch.prompts(from / RandomStreams.BLOCK); // each drawn as it is read
        for (int p = from; p < to; p++) {
            prompts.next(tokens);
            toFloat(tokens.rows, z, m * ddp);
            toFloat(tokens.columns, zt, dd * mp);
            for (int j = 0; j < d; j++) {
                xq[j] = (float) batch.xq[p * d + j];
            }
            weights(m, mp, scale, zt, xq, kqT, q, a, max, lanes);
            FloatRowCombinations.perHead(z, m, ddp, a, mp, heads, u); // [h, Dp] u_h = sum_l a_hl z_l
            for (int c = 0; c < outs; c++) { // [outputs] = sum_h OV_h u_h
                float y = 0f;
                for (int h = 0; h < heads; h++) {
                    int o = (h * outs + c) * ddp;
                    float s = 0f;
                    for (int i = 0; i < dd; i++) {
                        s += ov[o + i] * u[h * ddp + i];
                    }
                    y += s;
                }
                yhat[c] = y;
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
                backward(m, mp, scale, z, zt, xq, ov, a, u, g, du, ds, lanes, pkq, pov);
            }
        }
        return sse;
    }

    /** The first {@code count} values of {@code from}, rounded to float. */
    private static void toFloat(double[] from, float[] to, int count) {
        for (int i = 0; i < count; i++) {
            to[i] = (float) from[i];
        }
    }

    /** Scores and weights of every head: {@code a_h = softmax(zt^T KQ_h z_q)} (or the scaled scores). */
    private void weights(int m, int mp, float scale, float[] zt, float[] xq, float[] kqT, float[] q, float[] a,
                         float[] max, float[] lanes) {
        FloatRowCombinations.combine(kqT, 0, d, heads * ddp, xq, 0, q, 0); // [h, Dp] = sum_j x_q[j] KQ_h[:, j]
        FloatRowCombinations.perHead(zt, dd, mp, q, ddp, heads, a); // [h, mp] s_hl = z_l . q_h
        if (softmax && m > 0) {
            for (int h = 0; h < heads; h++) { // max_l s_hl: Math.max in every lane, so any order gives its bits
                int off = h * mp;
                int l = 0;
                float mx = Float.NEGATIVE_INFINITY;
                if (m >= L) {
                    FloatVector mv = FloatVector.fromArray(S, a, off);
                    for (l = L; l + L <= m; l += L) { // [m] whole vectors
                        mv = mv.max(FloatVector.fromArray(S, a, off + l));
                    }
                    mv.intoArray(lanes, 0);
                    for (int i = 0; i < L; i++) {
                        mx = Math.max(mx, lanes[i]);
                    }
                }
                for (; l < m; l++) { // [m mod L]
                    mx = Math.max(mx, a[off + l]);
                }
                max[h] = mx;
            }
            for (int h = 0; h < heads; h++) { // [h, mp] exp(s_h - max_h), two vectors at a time
                int off = h * mp;
                FloatVector mh = FloatVector.broadcast(S, max[h]);
                for (int l = 0; l < mp; l += 2 * L) {
                    int l1 = l + L < mp ? l + L : l; // an odd last vector: computed twice, stored once more
                    VectorMath.expOfNonPositive(FloatVector.fromArray(S, a, off + l).sub(mh),
                            FloatVector.fromArray(S, a, off + l1).sub(mh), a, off + l, off + l1);
                }
            }
        }
        for (int h = 0; h < heads; h += 2) { // [h] in pairs, side by side
            if (softmax && m > 0) {
                normalise(h, h + 1 < heads, m, mp, a, lanes);
            } else if (scale != 1f) {
                for (int l = 0; l < Math.min(2, heads - h) * mp; l += L) { // [2, mp]
                    FloatVector.fromArray(S, a, h * mp + l).mul(scale).intoArray(a, h * mp + l);
                }
            }
        }
    }

    /**
     * Zeroes the padding of head h's exponentials (and head h + 1's when {@code two}) and divides each by its sum, a
     * lane-order sum of the vectors summed in position order.
     */
    private static void normalise(int h, boolean two, int m, int mp, float[] a, float[] lanes) {
        int oa = h * mp;
        int ob = two ? oa + mp : oa; // one head: the second chain repeats the first and is not stored
        FloatVector sa = FloatVector.zero(S);
        FloatVector sb = FloatVector.zero(S);
        for (int l = 0; l < mp; l += L) { // [2, mp] padding 0, sums
            FloatVector ea = FloatVector.fromArray(S, a, oa + l);
            FloatVector eb = FloatVector.fromArray(S, a, ob + l);
            if (l + L > m) {
                VectorMask<Float> padding = S.indexInRange(l, m).not();
                ea = ea.blend(0f, padding);
                eb = eb.blend(0f, padding);
                ea.intoArray(a, oa + l);
                eb.intoArray(a, ob + l);
            }
            sa = sa.add(ea);
            sb = sb.add(eb);
        }
        float ia = 1f / VectorMath.sum(sa, lanes);
        float ib = 1f / VectorMath.sum(sb, lanes);
        for (int l = 0; l < mp; l += L) { // [2, mp] normalise
            FloatVector.fromArray(S, a, oa + l).mul(ia).intoArray(a, oa + l);
            if (two) {
                FloatVector.fromArray(S, a, ob + l).mul(ib).intoArray(a, ob + l);
            }
        }
    }

    /** Adds every head's gradient for one prompt; {@code g = 2 (yhat - y_q)}. */
    private void backward(int m, int mp, float scale, float[] z, float[] zt, float[] xq, float[] ov, float[] a,
                          float[] u, float[] g, float[] du, float[] ds, float[] lanes, float[] pkq, float[] pov) {
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < ddp; i += L) { // [outputs, Dp]: dOV_h += g u_h^T, du_h = OV_h^T g
                FloatVector uh = FloatVector.fromArray(S, u, h * ddp + i);
                FloatVector duh = FloatVector.zero(S);
                for (int c = 0; c < outs; c++) {
                    int o = (h * outs + c) * ddp + i;
                    FloatVector.fromArray(S, pov, o).add(uh.mul(g[c])).intoArray(pov, o);
                    duh = duh.add(FloatVector.fromArray(S, ov, o).mul(g[c]));
                }
                duh.intoArray(du, h * ddp + i);
            }
        }
        if (m == 0) {
            return;
        }
        FloatRowCombinations.perHead(zt, dd, mp, du, ddp, heads, ds); // [h, mp] da_hl = z_l . du_h
        for (int h = 0; h < heads; h += 2) { // [h] in pairs
            scoreGradient(h, h + 1 < heads, mp, scale, a, ds, lanes);
        }
        FloatRowCombinations.perHead(z, m, ddp, ds, mp, heads, du); // [h, Dp] dz_h = sum_l ds_hl z_l
        int hd = heads * ddp;
        for (int j = 0; j < d; j++) { // [d, h, Dp] += x_q[j] dz_h
            FloatVector xj = FloatVector.broadcast(S, xq[j]);
            for (int i = 0; i < hd; i += L) {
                int k = j * hd + i;
                FloatVector.fromArray(S, du, i).fma(xj, FloatVector.fromArray(S, pkq, k)).intoArray(pkq, k);
            }
        }
    }

    /** {@code ds_h} in place of {@code da_h} for head h (and h + 1 when {@code two}), the two chains side by side. */
    private void scoreGradient(int h, boolean two, int mp, float scale, float[] a, float[] ds, float[] lanes) {
        int oa = h * mp;
        int ob = two ? oa + mp : oa; // one head: the second chain repeats the first and is not stored
        if (softmax) {
            FloatVector ma = FloatVector.zero(S);
            FloatVector mb = FloatVector.zero(S);
            for (int l = 0; l < mp; l += L) { // [2, mp] sum_l a_l da_l
                ma = FloatVector.fromArray(S, a, oa + l).fma(FloatVector.fromArray(S, ds, oa + l), ma);
                mb = FloatVector.fromArray(S, a, ob + l).fma(FloatVector.fromArray(S, ds, ob + l), mb);
            }
            float mua = VectorMath.sum(ma, lanes);
            float mub = VectorMath.sum(mb, lanes);
            for (int l = 0; l < mp; l += L) { // [2, mp] ds_l = a_l (da_l - mean)
                FloatVector.fromArray(S, a, oa + l).mul(FloatVector.fromArray(S, ds, oa + l).sub(mua))
                        .intoArray(ds, oa + l);
                if (two) {
                    FloatVector.fromArray(S, a, ob + l).mul(FloatVector.fromArray(S, ds, ob + l).sub(mub))
                            .intoArray(ds, ob + l);
                }
            }
        } else {
            for (int l = 0; l < (two ? 2 : 1) * mp; l += L) { // [2, mp] ds_l = scale da_l
                FloatVector.fromArray(S, ds, oa + l).mul(scale).intoArray(ds, oa + l);
            }
        }
    }
}
