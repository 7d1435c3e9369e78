package org.icldynamics.model;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.data.PaddedTokens;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptDraw;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.linalg.VectorMath;

/**
 * A double-precision {@link AttentionKernel} for few heads and wide tokens (the multi-task softmax paper: h = 3,
 * D = 53, n = 100): the formulas of {@link ReferenceAttentionKernel}, one head at a time, with the token width or the
 * attended positions as the vector lane instead of the head ({@link VectorAttentionKernel} would fill 3 of its 8
 * (AVX-512) or 4 (AVX2) lanes). Vectors are the machine's preferred width, as there.
 * Every matrix-vector product is a fixed-order sum of whole rows ({@link RowCombinations}); equals the reference to
 * about 1e-13 relative.
 *
 * <p>Per prompt the tokens are held twice, zero-padded to whole vectors: rows {@code z [m, Dp]} (lane = token
 * coordinate, for {@code u = sum_l a_l z_l} and {@code sum_l ds_l z_l}) and columns {@code zt [D, mp]} (lane = token
 * position, for the scores {@code s = zt^T q} and {@code da = zt^T du}). Key-query is stored transposed, only its
 * query x-columns: {@code [h, d, Dp]} (the query's label slots are 0, so the other columns never score and get
 * gradient 0). A prompt still to draw is drawn straight into these two copies as the kernel reaches it
 * ({@link PromptBatch#prompts}, {@code KernelBlocks.Draw.BY_PROMPT}): no pass over the batch's own arrays in between.
 *
 * <p>Determinism: fixed-order FMAs, the exactly-rounded {@link VectorMath#exp} and lane-order sums only; each block of
 * {@link RandomStreams#BLOCK} prompts accumulates its own partial gradient, partials are summed in block order, so
 * results are bit-identical on any number of threads and before and after JIT compilation.
 */
public final class TokenLaneAttentionKernel implements AttentionKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private final KernelShape shape;
    private final BlockParallel parallel;
    private final int heads;
    private final int d;
    private final int outs;
    private final int dd;
    /** Token width rounded up to whole vectors. */
    private final int ddp;
    private final boolean softmax;

    public TokenLaneAttentionKernel(KernelShape shape, BlockParallel parallel) {
        this.shape = shape;
        this.parallel = parallel;
        this.heads = shape.heads();
        this.d = shape.d();
        this.outs = shape.outputs();
        this.dd = shape.tokenWidth();
        this.ddp = roundUp(dd);
        this.softmax = shape.scores() == OneLayerAttention.Scores.SOFTMAX;
    }

    /**
     * Whether this layout fills more lanes than heads-as-lanes: fewer heads than a vector has lanes, and tokens at
     * least one vector wide.
     */
    static boolean suits(KernelShape shape) {
        return shape.heads() < VectorAttentionKernel.LANES && shape.tokenWidth() >= VectorAttentionKernel.LANES;
    }

    @Override
    public KernelShape shape() {
        return shape;
    }

    @Override
    public double sumSquaredErrorAndGradient(PromptBatch batch, double[] kq, double[] ov, double[] gkq,
                                             double[] gov) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        double[] kqT = transposeKq(kq);
        double[] acc = new double[kqT.length];
        double total = KernelBlocks.sumSquaredErrorAndGradient(batch, parallel, KernelBlocks.Draw.BY_PROMPT,
                KernelBlocks.DOUBLE, acc, gov,
                (from, to, pkq, pov) -> runBlock(batch, from, to, kqT, ov, null, pkq, pov));
        Arrays.fill(gkq, 0.0);
        for (int h = 0; h < heads; h++) { // [h, d, Dp] -> [h, D, D]
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < dd; i++) {
                    gkq[(h * dd + i) * dd + j] = acc[(h * d + j) * ddp + i];
                }
            }
        }
        return total;
    }

    @Override
    public void predict(PromptBatch batch, double[] kq, double[] ov, double[] out) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        KernelPacking.checkOut(shape, batch, out);
        double[] kqT = transposeKq(kq);
        KernelBlocks.predict(batch, parallel, KernelBlocks.Draw.BY_PROMPT,
                (from, to) -> runBlock(batch, from, to, kqT, ov, out, null, null));
    }

    /**
     * @param kq {@code [h, D, D]}, not modified
     * @return {@code [h, d, Dp]}: {@code KQ_h[i, j]} at {@code (h, j, i)}, zero padding
     */
    private double[] transposeKq(double[] kq) {
        double[] t = new double[heads * d * ddp];
        for (int h = 0; h < heads; h++) { // [h, d, D]
            for (int j = 0; j < d; j++) {
                for (int i = 0; i < dd; i++) {
                    t[(h * d + j) * ddp + i] = kq[(h * dd + i) * dd + j];
                }
            }
        }
        return t;
    }

    /**
     * Forward (and backward when {@code pkq != null}) over prompts {@code [from, to)}.
     *
     * @param kqT {@code [h, d, Dp]}, not modified
     * @param ov {@code [h, outputs, D]}, not modified
     * @param out {@code [b, outputs]} or null; rows {@code [from, to)} overwritten with predictions
     * @param pkq {@code [h, d, Dp]} or null; the block's gradient is added
     * @param pov {@code [h, outputs, D]} or null; the block's gradient is added
     * @return the block's sum of squared errors
     */
    private double runBlock(PromptBatch batch, int from, int to, double[] kqT, double[] ov, double[] out,
                            double[] pkq, double[] pov) {
        int m = KernelPacking.attendedCount(shape, batch.n);
        int mp = roundUp(m);
        double scale = KernelPacking.linearScale(shape, batch.n);
        PaddedTokens tokens = new PaddedTokens(batch.n, m, d, outs, L);
        double[] z = tokens.rows;                          // [m, Dp] attended tokens
        double[] zt = tokens.columns;                      // [D, mp] the same, transposed
        double[] xq = new double[d];                       // [d]
        double[] q = new double[ddp];                      // [Dp] KQ_h z_q
        double[] a = new double[heads * Math.max(L, mp)];  // [h, mp] weights
        double[] u = new double[heads * ddp];              // [h, Dp] sum_l a_l z_l
        double[] du = new double[heads * ddp];             // [h, Dp]
        double[] ds = new double[heads * Math.max(L, mp)]; // [h, mp]
        double[] lanes = new double[L];
        double[] yhat = new double[outs];
        double[] g = new double[outs];
        double sse = 0.0;
        PromptDraw prompts = batch.prompts(from / RandomStreams.BLOCK); // each drawn as it is read, into z and zt
        for (int p = from; p < to; p++) {
            prompts.next(tokens);
            System.arraycopy(batch.xq, p * d, xq, 0, d);
            for (int h = 0; h < heads; h++) {
                weights(h, m, mp, scale, zt, xq, kqT, q, a, lanes);
            }
            RowCombinations.perHead(z, m, ddp, a, mp, heads, u); // [h, Dp] u_h = sum_l a_hl z_l, heads side by side
            Arrays.fill(yhat, 0.0);
            for (int h = 0; h < heads; h++) {
                for (int c = 0; c < outs; c++) { // [outputs] += OV_h u_h
                    double s = 0.0;
                    for (int i = 0; i < dd; i++) {
                        s += ov[(h * outs + c) * dd + i] * u[h * ddp + i];
                    }
                    yhat[c] += s;
                }
            }
            sse = KernelPacking.addResiduals(batch, p, yhat, g, out, sse);
            if (pkq != null) {
                backward(m, mp, scale, z, zt, xq, ov, a, u, g, du, ds, lanes, pkq, pov);
            }
        }
        return sse;
    }

    /** Scores and weights of head h: {@code a_h = softmax(zt^T KQ_h z_q)} (or the scaled scores). */
    private void weights(int h, int m, int mp, double scale, double[] zt, double[] xq, double[] kqT, double[] q,
                         double[] a, double[] lanes) {
        RowCombinations.combine(kqT, h * d * ddp, d, ddp, xq, 0, q, 0); // [Dp] = sum_j x_q[j] KQ_h[:, j]
        int aOff = h * mp;
        RowCombinations.combine(zt, 0, dd, mp, q, 0, a, aOff); // [mp] s_l = z_l . q
        if (softmax && m > 0) {
            DoubleVector max = DoubleVector.broadcast(S, maxOf(a, aOff, m, lanes));
            int l = 0;
            for (; l + 2 * L <= mp; l += 2 * L) { // [mp] exp(s - max), two vectors side by side
                int k = aOff + l;
                VectorMath.expOfNonPositive(DoubleVector.fromArray(S, a, k).sub(max),
                        DoubleVector.fromArray(S, a, k + L).sub(max), a, k, k + L);
            }
            for (; l < mp; l += L) { // [mp mod 2L]
                VectorMath.exp(DoubleVector.fromArray(S, a, aOff + l).sub(max)).intoArray(a, aOff + l);
            }
            DoubleVector sum = DoubleVector.zero(S);
            for (l = 0; l < mp; l += L) { // [mp] padding 0, sum
                DoubleVector e = DoubleVector.fromArray(S, a, aOff + l);
                if (l + L > m) {
                    e = e.blend(0.0, S.indexInRange(l, m).not());
                    e.intoArray(a, aOff + l);
                }
                sum = sum.add(e);
            }
            double inv = 1.0 / VectorMath.sum(sum, lanes);
            for (l = 0; l < mp; l += L) { // [mp] normalise
                DoubleVector.fromArray(S, a, aOff + l).mul(inv).intoArray(a, aOff + l);
            }
        } else if (scale != 1.0) {
            for (int l = 0; l < mp; l += L) { // [mp]
                DoubleVector.fromArray(S, a, aOff + l).mul(scale).intoArray(a, aOff + l);
            }
        }
    }

    /** Adds every head's gradient for one prompt; {@code g = 2 (yhat - y_q)}. */
    private void backward(int m, int mp, double scale, double[] z, double[] zt, double[] xq, double[] ov, double[] a,
                          double[] u, double[] g, double[] du, double[] ds, double[] lanes, double[] pkq,
                          double[] pov) {
        Arrays.fill(du, 0.0);
        for (int h = 0; h < heads; h++) {
            for (int c = 0; c < outs; c++) { // [outputs, D]: dOV_h += g u_h^T, du_h = OV_h^T g
                int o = (h * outs + c) * dd;
                for (int i = 0; i < dd; i++) {
                    pov[o + i] += g[c] * u[h * ddp + i];
                    du[h * ddp + i] += ov[o + i] * g[c];
                }
            }
        }
        if (m == 0) {
            return;
        }
        for (int h = 0; h < heads; h++) {
            scoreGradient(h, mp, scale, zt, a, du, ds, lanes);
        }
        RowCombinations.perHead(z, m, ddp, ds, mp, heads, du); // [h, Dp] dz_h = sum_l ds_hl z_l (du free by now)
        for (int h = 0; h < heads; h++) {
            int k0 = h * d * ddp;
            for (int j = 0; j < d; j++) { // [d, Dp] += x_q[j] dz_h
                DoubleVector xj = DoubleVector.broadcast(S, xq[j]);
                for (int i = 0; i < ddp; i += L) {
                    int k = k0 + j * ddp + i;
                    DoubleVector.fromArray(S, du, h * ddp + i).fma(xj, DoubleVector.fromArray(S, pkq, k))
                            .intoArray(pkq, k);
                }
            }
        }
    }

    /** {@code ds_h}: the gradient of head h's scores, from {@code du_h}. */
    private void scoreGradient(int h, int mp, double scale, double[] zt, double[] a, double[] du, double[] ds,
                               double[] lanes) {
        int aOff = h * mp;
        RowCombinations.combine(zt, 0, dd, mp, du, h * ddp, ds, aOff); // [mp] da_l = z_l . du_h
        if (softmax) {
            DoubleVector mean = DoubleVector.zero(S);
            for (int l = 0; l < mp; l += L) { // [mp] sum_l a_l da_l
                mean = DoubleVector.fromArray(S, a, aOff + l).fma(DoubleVector.fromArray(S, ds, aOff + l), mean);
            }
            double mu = VectorMath.sum(mean, lanes);
            for (int l = 0; l < mp; l += L) { // [mp] ds_l = a_l (da_l - mean)
                DoubleVector.fromArray(S, a, aOff + l).mul(DoubleVector.fromArray(S, ds, aOff + l).sub(mu))
                        .intoArray(ds, aOff + l);
            }
        } else {
            for (int l = 0; l < mp; l += L) { // [mp] ds_l = scale da_l
                DoubleVector.fromArray(S, ds, aOff + l).mul(scale).intoArray(ds, aOff + l);
            }
        }
    }

    /**
     * {@code max(v[off, off + m))} for m >= 1, lane-wise then across the lanes: the maximum does not depend on the
     * order (Math.max semantics for -0 and NaN in every lane), so this equals the scalar loop's value bit for bit.
     */
    private static double maxOf(double[] v, int off, int m, double[] lanes) {
        int l = 0;
        double max = Double.NEGATIVE_INFINITY;
        if (m >= L) {
            DoubleVector mv = DoubleVector.fromArray(S, v, off);
            for (l = L; l + L <= m; l += L) { // [m] whole vectors
                mv = mv.max(DoubleVector.fromArray(S, v, off + l));
            }
            mv.intoArray(lanes, 0);
            for (int i = 0; i < L; i++) {
                max = Math.max(max, lanes[i]);
            }
        }
        for (; l < m; l++) { // [m mod L]
            max = Math.max(max, v[off + l]);
        }
        return max;
    }

    private static int roundUp(int k) {
        return (k + L - 1) / L * L;
    }
}
