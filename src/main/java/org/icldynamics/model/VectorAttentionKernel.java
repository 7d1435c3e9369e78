package org.icldynamics.model;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.linalg.VectorMath;

/**
 * The fast double-precision {@link AttentionKernel}: the formulas of {@link ReferenceAttentionKernel} with the head
 * index as the vector lane: {@link #LANES} heads of doubles fill one of the machine's preferred vectors (8 with
 * AVX-512, 4 with AVX2; a fixed wider species would run in the Vector API's slow Java fallback where the hardware
 * lacks it). Heads are padded to a multiple of {@link #LANES} with zero circuits; a padded head has zero output and
 * its gradient is dropped, so any head count works. Equals the reference to about 1e-13 relative (only the summation
 * order differs; the order of the head sum depends on the lane count, so machines of different widths agree to
 * rounding, not bit for bit).
 *
 * <p>Packed layouts (lane = head within a group of {@link #LANES}): key-query {@code [groups, D, d, lanes]} (only the
 * query's {@code x} columns: the query's label slots are 0, so the other columns never score and get gradient 0),
 * value-output {@code [groups, outputs, D, lanes]}.
 *
 * <p>Speed (AVX2): the work is short dependent chains (a dot product over D, an exp's 13-step Horner polynomial), so
 * independent chains run side by side in the same order per lane: scores take four tokens per load of the query
 * vector, token sums two coordinates per load of the weights, the softmax exp two vectors at a time.
 *
 * <p>Determinism: each block of {@link RandomStreams#BLOCK} prompts accumulates its own packed partial gradient;
 * partials are summed in block order, so results are bit-identical on any number of threads.
 */
public final class VectorAttentionKernel implements AttentionKernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Heads per vector: the machine's preferred vector length in doubles. */
    static final int LANES = S.length();

    private final KernelShape shape;
    private final BlockParallel parallel;
    private final int d;
    private final int outs;
    private final int dd;
    private final int groups;
    private final boolean softmax;

    public VectorAttentionKernel(KernelShape shape, BlockParallel parallel) {
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
        double[] kqT = KernelPacking.packKq(shape, kq, LANES);
        double[] ovT = KernelPacking.packOv(shape, ov, LANES);
        double[] accKq = new double[kqT.length];
        double[] accOv = new double[ovT.length];
        double total = KernelBlocks.sumSquaredErrorAndGradient(batch, parallel, KernelBlocks.DOUBLE, accKq, accOv,
                (from, to, pkq, pov) -> runBlock(batch, from, to, kqT, ovT, null, pkq, pov));
        KernelPacking.unpackKq(shape, accKq, LANES, gkq);
        KernelPacking.unpackOv(shape, accOv, LANES, gov);
        return total;
    }

    @Override
    public void predict(PromptBatch batch, double[] kq, double[] ov, double[] out) {
        KernelPacking.checkShapes(shape, batch, kq, ov);
        KernelPacking.checkOut(shape, batch, out);
        double[] kqT = KernelPacking.packKq(shape, kq, LANES);
        double[] ovT = KernelPacking.packOv(shape, ov, LANES);
        KernelBlocks.predict(batch, parallel, (from, to) -> runBlock(batch, from, to, kqT, ovT, out, null, null));
    }

    /**
     * Forward (and backward when {@code pkq != null}) over prompts {@code [from, to)}.
     *
     * @param kqT packed {@code [groups, D, d, lanes]}, not modified
     * @param ovT packed {@code [groups, outputs, D, lanes]}, not modified
     * @param out {@code [b, outputs]} or null; rows {@code [from, to)} overwritten with predictions
     * @param pkq packed like kqT or null; the block's gradient is added
     * @param pov packed like ovT or null; the block's gradient is added
     * @return the block's sum of squared errors
     */
    private double runBlock(PromptBatch batch, int from, int to, double[] kqT, double[] ovT, double[] out,
                            double[] pkq, double[] pov) {
        int n = batch.n;
        int m = KernelPacking.attendedCount(shape, n);
        double scale = KernelPacking.linearScale(shape, n);
        double[] z = new double[Math.max(1, m) * dd];  // [m, D] attended tokens
        double[] xq = new double[d];                    // [d] query input
        double[] q = new double[dd * LANES];            // [D, lanes] KQ_h z_q
        double[] a = new double[groups * m * LANES];    // [groups, m, lanes] weights
        double[] u = new double[groups * dd * LANES];   // [groups, D, lanes] sum_l a_l z_l
        double[] du = new double[dd * LANES];           // [D, lanes]
        double[] ds = new double[m * LANES];            // [m, lanes]
        double[] yhat = new double[outs];
        double[] g = new double[outs];
        double sse = 0.0;
        for (int p = from; p < to; p++) {
            VectorTokens.fill(shape, batch, p, z, xq);
            Arrays.fill(yhat, 0.0);
            for (int gr = 0; gr < groups; gr++) {
                forwardGroup(gr, m, scale, z, xq, kqT, ovT, q, a, u, yhat);
            }
            sse = KernelPacking.addResiduals(batch, p, yhat, g, out, sse);
            if (pkq != null) {
                for (int gr = 0; gr < groups; gr++) {
                    backwardGroup(gr, m, scale, z, xq, ovT, a, u, g, du, ds, pkq, pov);
                }
            }
        }
        return sse;
    }

    /** Scores, weights and head mix of one group of LANES heads; adds its output to {@code yhat}. */
    private void forwardGroup(int gr, int m, double scale, double[] z, double[] xq, double[] kqT, double[] ovT,
                              double[] q, double[] a, double[] u, double[] yhat) {
        int kqOff = gr * dd * d * LANES;
        for (int i = 0; i < dd; i++) { // [D, lanes] = [D, d, lanes] x [d]
            DoubleVector acc = DoubleVector.zero(S);
            for (int j = 0; j < d; j++) {
                acc = DoubleVector.fromArray(S, kqT, kqOff + (i * d + j) * LANES).fma(DoubleVector.broadcast(S, xq[j]), acc);
            }
            acc.intoArray(q, i * LANES);
        }
        int aOff = gr * m * LANES;
        tokenDots(q, z, m, a, aOff); // [m, lanes] scores s_l = z_l . q
        if (softmax && m > 0) {
            DoubleVector max = DoubleVector.broadcast(S, Double.NEGATIVE_INFINITY);
            for (int l = 0; l < m; l++) { // [m, lanes]
                max = max.max(DoubleVector.fromArray(S, a, aOff + l * LANES));
            }
            DoubleVector sum = DoubleVector.zero(S);
            int l = 0;
            for (; l + 1 < m; l += 2) { // [m, lanes] exp(s - max), two tokens side by side
                int k = aOff + l * LANES;
                VectorMath.expOfNonPositive(DoubleVector.fromArray(S, a, k).sub(max),
                        DoubleVector.fromArray(S, a, k + LANES).sub(max), a, k, k + LANES);
                sum = sum.add(DoubleVector.fromArray(S, a, k)).add(DoubleVector.fromArray(S, a, k + LANES));
            }
            if (l < m) { // odd m: the last token
                DoubleVector e = VectorMath.exp(DoubleVector.fromArray(S, a, aOff + l * LANES).sub(max));
                e.intoArray(a, aOff + l * LANES);
                sum = sum.add(e);
            }
            DoubleVector inv = DoubleVector.broadcast(S, 1.0).div(sum);
            for (l = 0; l < m; l++) { // [m, lanes] normalise
                DoubleVector.fromArray(S, a, aOff + l * LANES).mul(inv).intoArray(a, aOff + l * LANES);
            }
        } else if (scale != 1.0) {
            for (int l = 0; l < m; l++) { // [m, lanes]
                DoubleVector.fromArray(S, a, aOff + l * LANES).mul(scale).intoArray(a, aOff + l * LANES);
            }
        }
        int uOff = gr * dd * LANES;
        tokenSums(a, aOff, z, m, u, uOff); // [D, lanes] = sum_l a_l z_l
        int ovOff = gr * outs * dd * LANES;
        for (int c = 0; c < outs; c++) { // [outputs] += sum over heads of OV_h u_h
            DoubleVector acc = DoubleVector.zero(S);
            for (int i = 0; i < dd; i++) {
                acc = DoubleVector.fromArray(S, ovT, ovOff + (c * dd + i) * LANES)
                        .fma(DoubleVector.fromArray(S, u, uOff + i * LANES), acc);
            }
            acc.intoArray(q, 0); // q is free scratch by now; lane-order sum (reduceLanes order is unspecified)
            double h = 0;
            for (int k = 0; k < LANES; k++) {
                h += q[k];
            }
            yhat[c] += h;
        }
    }

    /** Adds one prompt's gradient for one group of LANES heads; {@code g = 2 (yhat - y_q)}. */
    private void backwardGroup(int gr, int m, double scale, double[] z, double[] xq, double[] ovT, double[] a,
                               double[] u, double[] g, double[] du, double[] ds, double[] pkq, double[] pov) {
        int uOff = gr * dd * LANES;
        int ovOff = gr * outs * dd * LANES;
        for (int i = 0; i < dd; i++) { // [D, lanes]: du = OV^T g, dOV += g u^T
            DoubleVector ui = DoubleVector.fromArray(S, u, uOff + i * LANES);
            DoubleVector acc = DoubleVector.zero(S);
            for (int c = 0; c < outs; c++) {
                int k = ovOff + (c * dd + i) * LANES;
                acc = DoubleVector.fromArray(S, ovT, k).fma(DoubleVector.broadcast(S, g[c]), acc);
                ui.fma(DoubleVector.broadcast(S, g[c]), DoubleVector.fromArray(S, pov, k)).intoArray(pov, k);
            }
            acc.intoArray(du, i * LANES);
        }
        int aOff = gr * m * LANES;
        tokenDots(du, z, m, ds, 0); // [m, lanes] da_l = z_l . du
        if (softmax) {
            DoubleVector mean = DoubleVector.zero(S);
            for (int l = 0; l < m; l++) { // [m, lanes] sum_l a_l da_l
                mean = DoubleVector.fromArray(S, a, aOff + l * LANES)
                        .fma(DoubleVector.fromArray(S, ds, l * LANES), mean);
            }
            for (int l = 0; l < m; l++) { // [m, lanes] ds_l = a_l (da_l - mean)
                DoubleVector.fromArray(S, a, aOff + l * LANES).mul(DoubleVector.fromArray(S, ds, l * LANES).sub(mean))
                        .intoArray(ds, l * LANES);
            }
        } else {
            for (int l = 0; l < m; l++) { // [m, lanes] ds_l = scale da_l
                DoubleVector.fromArray(S, ds, l * LANES).mul(scale).intoArray(ds, l * LANES);
            }
        }
        tokenSums(ds, 0, z, m, du, 0); // [D, lanes] = sum_l ds_l z_l (du is free scratch by now)
        int kqOff = gr * dd * d * LANES;
        for (int i = 0; i < dd; i++) { // [D, d, lanes] += (sum_l ds_l z_l) x_q^T
            DoubleVector e = DoubleVector.fromArray(S, du, i * LANES);
            for (int j = 0; j < d; j++) {
                int k = kqOff + (i * d + j) * LANES;
                e.fma(DoubleVector.broadcast(S, xq[j]), DoubleVector.fromArray(S, pkq, k)).intoArray(pkq, k);
            }
        }
    }

    /**
     * {@code out_l = sum_i v_i z_l[i]} for every attended token, each a chain over i in order; four tokens at a time,
     * so one load of {@code v_i} feeds four independent FMA chains.
     *
     * @param v {@code [D, lanes]}, not modified
     * @param z {@code [m, D]}, not modified
     * @param out {@code [m, lanes]} at {@code outOff}, overwritten
     */
    private void tokenDots(double[] v, double[] z, int m, double[] out, int outOff) {
        int l = 0;
        for (; l + 3 < m; l += 4) { // [m, lanes] in fours
            DoubleVector s0 = DoubleVector.zero(S);
            DoubleVector s1 = DoubleVector.zero(S);
            DoubleVector s2 = DoubleVector.zero(S);
            DoubleVector s3 = DoubleVector.zero(S);
            int z0 = l * dd;
            for (int i = 0; i < dd; i++) {
                DoubleVector vi = DoubleVector.fromArray(S, v, i * LANES);
                s0 = vi.fma(DoubleVector.broadcast(S, z[z0 + i]), s0);
                s1 = vi.fma(DoubleVector.broadcast(S, z[z0 + dd + i]), s1);
                s2 = vi.fma(DoubleVector.broadcast(S, z[z0 + 2 * dd + i]), s2);
                s3 = vi.fma(DoubleVector.broadcast(S, z[z0 + 3 * dd + i]), s3);
            }
            int k = outOff + l * LANES;
            s0.intoArray(out, k);
            s1.intoArray(out, k + LANES);
            s2.intoArray(out, k + 2 * LANES);
            s3.intoArray(out, k + 3 * LANES);
        }
        for (; l < m; l++) { // [m mod 4, lanes]
            DoubleVector s = DoubleVector.zero(S);
            for (int i = 0; i < dd; i++) {
                s = DoubleVector.fromArray(S, v, i * LANES).fma(DoubleVector.broadcast(S, z[l * dd + i]), s);
            }
            s.intoArray(out, outOff + l * LANES);
        }
    }

    /**
     * {@code out[i] = sum_l w_l z_l[i]} for every token coordinate i, each with four accumulators (l mod 4, the rest
     * of m into the first) added as {@code (a0 + a1) + (a2 + a3)}: a fixed order. Two coordinates per pass, so one
     * load of {@code w_l} feeds two FMAs and eight independent chains hide the FMA latency.
     *
     * @param w {@code [m, lanes]} at {@code wOff}, not modified
     * @param z {@code [m, D]}, not modified
     * @param out {@code [D, lanes]} at {@code outOff}, overwritten
     */
    private void tokenSums(double[] w, int wOff, double[] z, int m, double[] out, int outOff) {
        int i = 0;
        for (; i + 1 < dd; i += 2) { // [D, lanes] in pairs
            DoubleVector a0 = DoubleVector.zero(S);
            DoubleVector a1 = DoubleVector.zero(S);
            DoubleVector a2 = DoubleVector.zero(S);
            DoubleVector a3 = DoubleVector.zero(S);
            DoubleVector b0 = DoubleVector.zero(S);
            DoubleVector b1 = DoubleVector.zero(S);
            DoubleVector b2 = DoubleVector.zero(S);
            DoubleVector b3 = DoubleVector.zero(S);
            int l = 0;
            for (; l + 3 < m; l += 4) { // [m, lanes] in fours
                int k = wOff + l * LANES;
                int zi = l * dd + i;
                DoubleVector w0 = DoubleVector.fromArray(S, w, k);
                DoubleVector w1 = DoubleVector.fromArray(S, w, k + LANES);
                DoubleVector w2 = DoubleVector.fromArray(S, w, k + 2 * LANES);
                DoubleVector w3 = DoubleVector.fromArray(S, w, k + 3 * LANES);
                a0 = w0.fma(DoubleVector.broadcast(S, z[zi]), a0);
                b0 = w0.fma(DoubleVector.broadcast(S, z[zi + 1]), b0);
                a1 = w1.fma(DoubleVector.broadcast(S, z[zi + dd]), a1);
                b1 = w1.fma(DoubleVector.broadcast(S, z[zi + dd + 1]), b1);
                a2 = w2.fma(DoubleVector.broadcast(S, z[zi + 2 * dd]), a2);
                b2 = w2.fma(DoubleVector.broadcast(S, z[zi + 2 * dd + 1]), b2);
                a3 = w3.fma(DoubleVector.broadcast(S, z[zi + 3 * dd]), a3);
                b3 = w3.fma(DoubleVector.broadcast(S, z[zi + 3 * dd + 1]), b3);
            }
            for (; l < m; l++) { // [m mod 4, lanes]
                DoubleVector wl = DoubleVector.fromArray(S, w, wOff + l * LANES);
                a0 = wl.fma(DoubleVector.broadcast(S, z[l * dd + i]), a0);
                b0 = wl.fma(DoubleVector.broadcast(S, z[l * dd + i + 1]), b0);
            }
            a0.add(a1).add(a2.add(a3)).intoArray(out, outOff + i * LANES);
            b0.add(b1).add(b2.add(b3)).intoArray(out, outOff + (i + 1) * LANES);
        }
        if (i < dd) { // odd D: the last coordinate
            tokenSum(w, wOff, z, i, m, out, outOff + i * LANES);
        }
    }

    /**
     * {@code out = sum_l w_l z_l[i]} over the attended tokens, with four independent accumulators (l mod 4) so the
     * sum is not one long chain of dependent FMAs (the kernel's latency bottleneck); the order is fixed.
     *
     * @param w {@code [m, lanes]} at {@code wOff}, not modified
     * @param z {@code [m, D]}, not modified
     * @param out overwritten at {@code [outOff, outOff + lanes)}
     */
    private void tokenSum(double[] w, int wOff, double[] z, int i, int m, double[] out, int outOff) {
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = DoubleVector.zero(S);
        DoubleVector a2 = DoubleVector.zero(S);
        DoubleVector a3 = DoubleVector.zero(S);
        int l = 0;
        for (; l + 3 < m; l += 4) { // [m, lanes] in fours
            int k = wOff + l * LANES;
            a0 = DoubleVector.fromArray(S, w, k).fma(DoubleVector.broadcast(S, z[l * dd + i]), a0);
            a1 = DoubleVector.fromArray(S, w, k + LANES).fma(DoubleVector.broadcast(S, z[(l + 1) * dd + i]), a1);
            a2 = DoubleVector.fromArray(S, w, k + 2 * LANES).fma(DoubleVector.broadcast(S, z[(l + 2) * dd + i]), a2);
            a3 = DoubleVector.fromArray(S, w, k + 3 * LANES).fma(DoubleVector.broadcast(S, z[(l + 3) * dd + i]), a3);
        }
        for (; l < m; l++) { // [m mod 4, lanes]
            a0 = DoubleVector.fromArray(S, w, wOff + l * LANES).fma(DoubleVector.broadcast(S, z[l * dd + i]), a0);
        }
        a0.add(a1).add(a2.add(a3)).intoArray(out, outOff);
    }
}
