package org.icldynamics.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.data.PaddedTokens;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptDraw;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.linalg.VectorMath;

/**
 * A double-precision {@link AttentionKernel} for few heads and wide tokens (the multi-task softmax paper: h = 3,
 * D = 53, n = 100): the formulas of {@link ReferenceAttentionKernel}, with the token width or the
 * attended positions as the vector lane instead of the head ({@link VectorAttentionKernel} would fill 3 of its 8
 * (AVX-512) or 4 (AVX2) lanes). Vectors are the machine's preferred width, as there.
 * Every matrix-vector product is a fixed-order sum of whole rows ({@link RowCombinations}); equals the reference to
 * about 1e-13 relative.
 *
 * <p>Per prompt the tokens are held twice, zero-padded to whole vectors: rows {@code z [m, Dp]} (lane = token
 * coordinate, for {@code u = sum_l a_l z_l} and {@code sum_l ds_l z_l}) and columns {@code zt [D, mp]} (lane = token
 * position, for the scores {@code s = zt^T q} and {@code da = zt^T du}). Key-query is stored transposed, only its
 * query x-columns: {@code [d, h, Dp]} (the query's label slots are 0, so the other columns never score and get
 * gradient 0); value-output rows are padded to {@code [h, outputs, Dp]}. Every product runs all heads in one pass
 * (two heads share each load of a token row), so independent FMA chains run side by side. A prompt still to draw is
 * drawn straight into the two token copies as the kernel reaches it ({@link PromptBatch#prompts},
 * {@code KernelBlocks.Draw.BY_PROMPT}): no pass over the batch's own arrays in between.
 *
 * <p>Determinism: fixed-order FMAs, the exactly-rounded {@link VectorMath#exp} and lane-order sums only; each block of
 * {@link RandomStreams#BLOCK} prompts accumulates its own partial gradient, partials are summed in block order, so
 * results are bit-identical on any number of threads and before and after JIT compilation.
 */
public final class TokenLaneAttentionKernel implements AttentionKernel {
    /**
     * 256-bit vectors on every machine with the vector kernels (AVX2 and AVX-512 alike): the bits are those of 4
     * lanes everywhere, and on AVX-512 (Zen 4: 512-bit ops are two 256-bit halves) the few-head shapes this layout
     * serves gain from the narrower padding, e.g. D = 6 fills 6 of 8 lanes instead of 6 of 16 (the he25 step, 2 heads:
     * 0.327 against 0.515 ms on 1 thread, against the head-lane kernel on 8 lanes; README, Session 12).
     */
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_256;
    private static final int L = S.length();
    /**
     * Positions are padded to whole vectors of the machine's preferred width too (8 doubles on AVX-512), as
     * {@link VectorMath#expOfNonPositiveInPlace(double[], int, int, double[], int)} takes rows of whole preferred
     * vectors; the extra padding is zero and masked like the rest, and adds only exact zeros to a lane's sum.
     */
    private static final int POSITION_LANES = Math.max(L, VectorWidth.doubles());

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

    public TokenLaneAttentionKernel(KernelShape shape, BlockParallel parallel) {
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

    /**
     * Whether this layout fills more lanes than heads-as-lanes: fewer heads than its 4 lanes, on tokens at least 4
     * wide. The same rule on AVX2 and AVX-512, so a shape gets the same kernel, and the same bits, on both. Measured on
     * AVX-512 (Zen 4, 1 thread, against the head-lane kernel on 8 lanes), b 256, n 40, d 5: 2 heads 0.33 against
     * 0.52 ms per step; CPU ms per step with 4 heads 0.58 against 0.65, with 6 heads 0.73 against 0.73. Heads 4 to 7
     * gain little or nothing here and stay on the head-lane kernel.
     */
    static boolean suits(KernelShape shape) {
        return shape.heads() < L && shape.tokenWidth() >= L;
    }

    @Override
    public KernelShape shape() {
        return shape;
    }

    @Override
    public double sumSquaredErrorAndGradient(PromptBatch batch, double[] kq, double[] ov, double[] gkq,
                                             double[] gov) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        double[] kqT = packing.keyQuery(kq);
        double[] ovp = packing.valueOutput(ov);
        double[] acc = new double[kqT.length];
        double[] accOv = new double[ovp.length];
        double total = KernelBlocks.sumSquaredErrorAndGradient(batch, parallel, KernelBlocks.Draw.BY_PROMPT,
                KernelBlocks.DOUBLE, acc, accOv,
                (from, to, pkq, pov) -> runBlock(batch, from, to, kqT, ovp, null, pkq, pov));
        packing.unpack(acc, accOv, gkq, gov);
        return total;
    }

    @Override
    public void predict(PromptBatch batch, double[] kq, double[] ov, double[] out) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        KernelPacking.checkOut(shape, batch, out);
        double[] kqT = packing.keyQuery(kq);
        double[] ovp = packing.valueOutput(ov);
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
    private double runBlock(PromptBatch batch, int from, int to, double[] kqT, double[] ov, double[] out,
                            double[] pkq, double[] pov) {
        int m = KernelPacking.attendedCount(shape, batch.n);
        int mp = TokenLanePacking.roundUp(m, POSITION_LANES);
        double scale = KernelPacking.linearScale(shape, batch.n);
        PaddedTokens tokens = new PaddedTokens(batch.n, m, d, outs, L, POSITION_LANES);
        double[] z = tokens.rows;                          // [m, Dp] attended tokens
        double[] zt = tokens.columns;                      // [D, mp] the same, transposed
        double[] xq = new double[d];                       // [d]
        double[] q = new double[heads * ddp];              // [h, Dp] KQ_h z_q
        double[] a = new double[heads * Math.max(L, mp)];  // [h, mp] weights
        double[] u = new double[heads * ddp];              // [h, Dp] sum_l a_l z_l
        double[] du = new double[heads * ddp];             // [h, Dp]
        double[] ds = new double[heads * Math.max(L, mp)]; // [h, mp]
        double[] max = new double[heads];                  // [h] max_l s_hl
        double[] lanes = new double[L];
        double[] yhat = new double[outs];
        double[] g = new double[outs];
        double sse = 0.0;
        PromptDraw prompts = batch.prompts(from / RandomStreams.BLOCK); // each drawn as it is read, into z and zt
        for (int p = from; p < to; p++) {
            prompts.next(tokens);
            System.arraycopy(batch.xq, p * d, xq, 0, d);
            weights(m, mp, scale, zt, xq, kqT, q, a, max, lanes);
            RowCombinations.perHead(z, m, ddp, a, mp, heads, u); // [h, Dp] u_h = sum_l a_hl z_l, heads side by side
            for (int c = 0; c < outs; c++) { // [outputs] = sum_h OV_h u_h
                double y = 0.0;
                for (int h = 0; h < heads; h++) {
                    int o = (h * outs + c) * ddp;
                    double s = 0.0;
                    for (int i = 0; i < dd; i++) {
                        s += ov[o + i] * u[h * ddp + i];
                    }
                    y += s;
                }
                yhat[c] = y;
            }
            sse = KernelPacking.addResiduals(batch, p, yhat, g, out, sse);
            if (pkq != null) {
                backward(m, mp, scale, z, zt, xq, ov, a, u, g, du, ds, lanes, pkq, pov);
            }
        }
        return sse;
    }

    /** Scores and weights of every head: {@code a_h = softmax(zt^T KQ_h z_q)} (or the scaled scores). */
    private void weights(int m, int mp, double scale, double[] zt, double[] xq, double[] kqT, double[] q,
                         double[] a, double[] max, double[] lanes) {
        RowCombinations.combine(kqT, 0, d, heads * ddp, xq, 0, q, 0); // [h, Dp] = sum_j x_q[j] KQ_h[:, j]
        RowCombinations.perHead(zt, dd, mp, q, ddp, heads, a); // [h, mp] s_hl = z_l . q_h
        if (softmax && m > 0) {
            // max_l s_hl per head, lane-wise then across the lanes (Math.max semantics in every lane, so any order
            // gives the scalar loop's bits); written here, not as a method of its own, which C2 can leave in C1's
            // code for the rest of the JVM (as VectorAttentionKernel.weights says)
            for (int h = 0; h < heads; h++) {
                int off = h * mp;
                int l = 0;
                double mx = Double.NEGATIVE_INFINITY;
                if (m >= L) {
                    DoubleVector mv = DoubleVector.fromArray(S, a, off);
                    for (l = L; l + L <= m; l += L) { // [m] whole vectors
                        mv = mv.max(DoubleVector.fromArray(S, a, off + l));
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
            VectorMath.expOfNonPositiveInPlace(a, 0, heads * mp, max, mp); // [h, mp] exp(s_h - max_h), heads together
        }
        for (int h = 0; h < heads; h += 2) { // [h] in pairs, side by side
            if (softmax && m > 0) {
                normalise(h, h + 1 < heads, m, mp, a, lanes);
            } else if (scale != 1.0) {
                for (int l = 0; l < Math.min(2, heads - h) * mp; l += L) { // [2, mp]
                    DoubleVector.fromArray(S, a, h * mp + l).mul(scale).intoArray(a, h * mp + l);
                }
            }
        }
    }

    /**
     * Zeroes the padding of head h's exponentials (and head h + 1's when {@code two}) and divides each by its sum, a
     * lane-order sum of the vectors summed in position order: the two heads' chains run side by side.
     */
    private void normalise(int h, boolean two, int m, int mp, double[] a, double[] lanes) {
        int oa = h * mp;
        int ob = two ? oa + mp : oa; // one head: the second chain repeats the first and is not stored
        DoubleVector sa = DoubleVector.zero(S);
        DoubleVector sb = DoubleVector.zero(S);
        for (int l = 0; l < mp; l += L) { // [2, mp] padding 0, sums
            DoubleVector ea = DoubleVector.fromArray(S, a, oa + l);
            DoubleVector eb = DoubleVector.fromArray(S, a, ob + l);
            if (l + L > m) {
                VectorMask<Double> padding = S.indexInRange(l, m).not();
                ea = ea.blend(0.0, padding);
                eb = eb.blend(0.0, padding);
                ea.intoArray(a, oa + l);
                eb.intoArray(a, ob + l);
            }
            sa = sa.add(ea);
            sb = sb.add(eb);
        }
        sa.intoArray(lanes, 0);
        double ia = 1.0 / VectorMath.sumInOrder(lanes, L);
        sb.intoArray(lanes, 0);
        double ib = 1.0 / VectorMath.sumInOrder(lanes, L);
        for (int l = 0; l < mp; l += L) { // [2, mp] normalise
            DoubleVector.fromArray(S, a, oa + l).mul(ia).intoArray(a, oa + l);
            if (two) {
                DoubleVector.fromArray(S, a, ob + l).mul(ib).intoArray(a, ob + l);
            }
        }
    }

    /** Adds every head's gradient for one prompt; {@code g = 2 (yhat - y_q)}. */
    private void backward(int m, int mp, double scale, double[] z, double[] zt, double[] xq, double[] ov, double[] a,
                          double[] u, double[] g, double[] du, double[] ds, double[] lanes, double[] pkq,
                          double[] pov) {
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < ddp; i += L) { // [outputs, Dp]: dOV_h += g u_h^T, du_h = OV_h^T g
                DoubleVector uh = DoubleVector.fromArray(S, u, h * ddp + i);
                DoubleVector duh = DoubleVector.zero(S);
                for (int c = 0; c < outs; c++) {
                    int o = (h * outs + c) * ddp + i;
                    DoubleVector.fromArray(S, pov, o).add(uh.mul(g[c])).intoArray(pov, o);
                    duh = duh.add(DoubleVector.fromArray(S, ov, o).mul(g[c]));
                }
                duh.intoArray(du, h * ddp + i);
            }
        }
        if (m == 0) {
            return;
        }
        RowCombinations.perHead(zt, dd, mp, du, ddp, heads, ds); // [h, mp] da_hl = z_l . du_h
        for (int h = 0; h < heads; h += 2) { // [h] in pairs
            scoreGradient(h, h + 1 < heads, mp, scale, a, ds, lanes);
        }
        RowCombinations.perHead(z, m, ddp, ds, mp, heads, du); // [h, Dp] dz_h = sum_l ds_hl z_l (du free by now)
        int hd = heads * ddp;
        for (int j = 0; j < d; j++) { // [d, h, Dp] += x_q[j] dz_h
            DoubleVector xj = DoubleVector.broadcast(S, xq[j]);
            for (int i = 0; i < hd; i += L) {
                int k = j * hd + i;
                DoubleVector.fromArray(S, du, i).fma(xj, DoubleVector.fromArray(S, pkq, k)).intoArray(pkq, k);
            }
        }
    }

    /**
     * {@code ds_h}, the gradient of head h's scores (and head h + 1's when {@code two}), in place of {@code da_h}, the
     * gradient of its weights; the two heads' chains run side by side.
     */
    private void scoreGradient(int h, boolean two, int mp, double scale, double[] a, double[] ds, double[] lanes) {
        int oa = h * mp;
        int ob = two ? oa + mp : oa; // one head: the second chain repeats the first and is not stored
        if (softmax) {
            DoubleVector ma = DoubleVector.zero(S);
            DoubleVector mb = DoubleVector.zero(S);
            for (int l = 0; l < mp; l += L) { // [2, mp] sum_l a_l da_l
                ma = DoubleVector.fromArray(S, a, oa + l).fma(DoubleVector.fromArray(S, ds, oa + l), ma);
                mb = DoubleVector.fromArray(S, a, ob + l).fma(DoubleVector.fromArray(S, ds, ob + l), mb);
            }
            ma.intoArray(lanes, 0);
            double mua = VectorMath.sumInOrder(lanes, L);
            mb.intoArray(lanes, 0);
            double mub = VectorMath.sumInOrder(lanes, L);
            for (int l = 0; l < mp; l += L) { // [2, mp] ds_l = a_l (da_l - mean)
                DoubleVector.fromArray(S, a, oa + l).mul(DoubleVector.fromArray(S, ds, oa + l).sub(mua))
                        .intoArray(ds, oa + l);
                if (two) {
                    DoubleVector.fromArray(S, a, ob + l).mul(DoubleVector.fromArray(S, ds, ob + l).sub(mub))
                            .intoArray(ds, ob + l);
                }
            }
        } else {
            for (int l = 0; l < (two ? 2 : 1) * mp; l += L) { // [2, mp] ds_l = scale da_l
                DoubleVector.fromArray(S, ds, oa + l).mul(scale).intoArray(ds, oa + l);
            }
        }
    }
}
