package org.icldynamics.model;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptDraw;
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
 * vector (W's tokens one at a time with the query vector held in registers, {@link NineWideDots}), token sums four
 * coordinates per load of the weights, the softmax exp four vectors at a time ({@link HeadLaneSums}). Head groups go
 * in pairs: one pass over the tokens scores both groups (and takes both groups' score gradients), so each broadcast
 * of a token coordinate feeds two FMAs (8 heads on AVX2 are two groups: about 9% less kernel CPU than one group at a
 * time). Tokens are read where the batch holds them ({@link TokenRows}); a
 * prompt still to draw is drawn into the batch right before the kernel reads it ({@link PromptBatch#prompts},
 * {@code KernelBlocks.Draw.BY_PROMPT}), so its tokens are still in L1 when read (at W no faster than a whole block
 * drawn first, which sits in L2; README, Session 11).
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
        double total = KernelBlocks.sumSquaredErrorAndGradient(batch, parallel, KernelBlocks.Draw.BY_PROMPT,
                KernelBlocks.DOUBLE, accKq, accOv, (from, to, pkq, pov) -> runBlock(batch, from, to, kqT, ovT, null,
                        pkq, pov));
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
        KernelBlocks.predict(batch, parallel, KernelBlocks.Draw.BY_PROMPT,
                (from, to) -> runBlock(batch, from, to, kqT, ovT, out, null, null));
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
        double scale = softmax ? 1.0 : KernelPacking.linearScale(shape, n); // linear: the dots take the 1/n
        TokenRows t = new TokenRows(shape, n);          // where prompt p's attended tokens are read from
        double[] q = new double[2 * dd * LANES];        // [2, D, lanes] KQ_h z_q of a pair of groups
        double[] a = new double[groups * m * LANES];    // [groups, m, lanes] weights
        double[] u = new double[groups * dd * LANES];   // [groups, D, lanes] sum_l a_l z_l
        double[] du = new double[2 * dd * LANES];       // [2, D, lanes]
        double[] ds = new double[2 * m * LANES];        // [2, m, lanes]
        double[] max = new double[2 * LANES];           // [2, lanes] softmax's max score per head
        double[] yhat = new double[outs];
        double[] g = new double[outs];
        double sse = 0.0;
        KeyQueryGradients dkq = pkq == null ? null : new KeyQueryGradients(shape, groups);
        PromptDraw prompts = batch.prompts(from / RandomStreams.BLOCK); // each drawn right before it is read
        for (int p = from; p < to; p++) {
            prompts.next(null);
            t.point(batch, p);
            Arrays.fill(yhat, 0.0);
            for (int gr = 0; gr < groups; gr += 2) { // groups in pairs: one pass over the tokens scores both
                boolean pair = gr + 1 < groups;
                queries(gr, pair, t, kqT, q);
                if (pair) {
                    HeadLaneSums.dotsPair(q, dd * LANES, t, m, scale, a, gr * m * LANES, (gr + 1) * m * LANES);
                } else {
                    HeadLaneSums.dots(q, 0, t, m, scale, a, gr * m * LANES); // [m, lanes] s_l = z_l . q
                }
                weights(a, gr * m * LANES, m, pair, max); // [m, lanes] softmax (linear: scaled scores), both groups
                for (int k = gr; k < gr + (pair ? 2 : 1); k++) {
                    mixGroup(k, m, t, ovT, q, a, u, yhat);
                }
            }
            sse = KernelPacking.addResiduals(batch, p, yhat, g, out, sse);
            if (pkq != null) {
                for (int gr = 0; gr < groups; gr += 2) {
                    boolean pair = gr + 1 < groups;
                    valueOutputGradient(gr, u, g, ovT, du, 0, pov);
                    if (pair) {
                        valueOutputGradient(gr + 1, u, g, ovT, du, dd * LANES, pov);
                        HeadLaneSums.dotsPair(du, dd * LANES, t, m, scale, ds, 0, m * LANES);
                    } else {
                        HeadLaneSums.dots(du, 0, t, m, scale, ds, 0); // [m, lanes] da_l = z_l . du
                    }
                    if (softmax) {
                        scoreGradients(gr * m * LANES, m, pair, a, ds); // [2, m, lanes] da to ds, both groups
                    } // linear: ds_l = scale da_l came from the dots
                    for (int k = 0; k < (pair ? 2 : 1); k++) {
                        dkq.add(gr + k, m, t, ds, k * m * LANES, pkq); // += (sum_l ds_l z_l) x_q^T
                    }
                }
                dkq.endPrompt(t, pkq);
            }
        }
        if (dkq != null) {
            dkq.flush(pkq);
        }
        return sse;
    }

    /**
     * {@code q = KQ_h x_q} for group gr, and for group gr + 1 when {@code pair} ({@link QueryVectors}: each lane a
     * chain over j in order).
     *
     * @param q overwritten: {@code [D, lanes]} of group gr at 0, of group gr + 1 at {@code D lanes}
     */
    private void queries(int gr, boolean pair, TokenRows t, double[] kqT, double[] q) {
        int k0 = gr * dd * d * LANES;
        QueryVectors.compute(kqT, k0, k0 + dd * d * LANES, pair, t.xq, t.qo, d, dd, q);
    }

    /** Head mix of group gr from its weights in {@code a}; adds its output to {@code yhat}. */
    private void mixGroup(int gr, int m, TokenRows t, double[] ovT, double[] q, double[] a, double[] u,
                          double[] yhat) {
        int aOff = gr * m * LANES;
        int uOff = gr * dd * LANES;
        HeadLaneSums.sums(a, aOff, t, m, u, uOff); // [D, lanes] = sum_l a_l z_l
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

    /**
     * Scores to softmax weights in place, of one group or of a pair (the second group's {@code [m, lanes]} right after
     * the first's); linear scores are already their weights (the dots took the scale). The exp takes each score less
     * its head's max as it loads it (as a pass of its own, that subtraction loaded and stored every score once more),
     * and the two groups' sums of exponentials (each a chain in token order) run side by side. Takes no vectors, so it
     * compiles whole when it is not inlined (a vector passed to a method that is not inlined is boxed).
     *
     * @param a {@code [m, lanes]} (two of them when {@code pair}) at {@code aOff}, overwritten
     * @param max {@code [2, lanes]} scratch
     */
    private void weights(double[] a, int aOff, int m, boolean pair, double[] max) {
        if (!softmax || m == 0) {
            return;
        }
        int a1 = aOff + m * LANES; // the second group, when there is one
        // each group's max per lane, in four chains (l mod 4): Java's max is a max over a set (NaN wins, +0 > -0), so
        // any order gives the same bits. Written here, not as a method of its own: C2 once inlined such a method
        // into a compilation of this one, which left the method's own counters cold, and a later recompilation
        // declined it as too big, so it ran C1's code (no vector intrinsics) for the rest of the JVM: the 1-thread
        // softmax double W step took 2.6 ms instead of 1.75 in about half the JVMs (LogCompilation)
        for (int g = 0; g < (pair ? 2 : 1); g++) {
            int off = g == 0 ? aOff : a1;
            DoubleVector m0 = DoubleVector.fromArray(S, a, off);
            DoubleVector m1 = m0;
            DoubleVector m2 = m0;
            DoubleVector m3 = m0;
            int l = 1;
            for (; l + 3 < m; l += 4) { // [m, lanes] in fours
                int k = off + l * LANES;
                m0 = m0.max(DoubleVector.fromArray(S, a, k));
                m1 = m1.max(DoubleVector.fromArray(S, a, k + LANES));
                m2 = m2.max(DoubleVector.fromArray(S, a, k + 2 * LANES));
                m3 = m3.max(DoubleVector.fromArray(S, a, k + 3 * LANES));
            }
            for (; l < m; l++) {
                m0 = m0.max(DoubleVector.fromArray(S, a, off + l * LANES));
            }
            m0.max(m1).max(m2.max(m3)).intoArray(max, g * LANES);
        }
        VectorMath.expOfNonPositiveInPlaceLaneShifted(a, aOff, m * LANES, max, 0); // [m, lanes] exp(s - max)
        if (pair) {
            VectorMath.expOfNonPositiveInPlaceLaneShifted(a, a1, m * LANES, max, LANES);
        }
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        if (pair) {
            DoubleVector sum0 = DoubleVector.zero(S);
            DoubleVector sum1 = DoubleVector.zero(S);
            for (int l = 0; l < m; l++) { // [m, lanes] in token order, both groups
                sum0 = sum0.add(DoubleVector.fromArray(S, a, aOff + l * LANES));
                sum1 = sum1.add(DoubleVector.fromArray(S, a, a1 + l * LANES));
            }
            DoubleVector inv0 = one.div(sum0);
            DoubleVector inv1 = one.div(sum1);
            for (int l = 0; l < m; l++) { // [m, lanes] normalise, both groups
                int k = aOff + l * LANES;
                DoubleVector.fromArray(S, a, k).mul(inv0).intoArray(a, k);
                DoubleVector.fromArray(S, a, k + m * LANES).mul(inv1).intoArray(a, k + m * LANES);
            }
        } else { // one group (8 heads on AVX-512): no second group's chains to carry
            DoubleVector sum0 = DoubleVector.zero(S);
            for (int l = 0; l < m; l++) { // [m, lanes] in token order
                sum0 = sum0.add(DoubleVector.fromArray(S, a, aOff + l * LANES));
            }
            DoubleVector inv0 = one.div(sum0);
            for (int l = 0; l < m; l++) { // [m, lanes] normalise
                int k = aOff + l * LANES;
                DoubleVector.fromArray(S, a, k).mul(inv0).intoArray(a, k);
            }
        }
    }

    /**
     * {@code du = OV^T g} of group gr into {@code du} at {@code duOff}, and {@code dOV += g u^T}; {@code g = 2 (yhat -
     * y_q)}.
     */
    private void valueOutputGradient(int gr, double[] u, double[] g, double[] ovT, double[] du, int duOff,
                                     double[] pov) {
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
            acc.intoArray(du, duOff + i * LANES);
        }
    }

    /**
     * Softmax score gradients {@code da} (in {@code ds}, {@code [m, lanes]} per group, two groups when {@code pair})
     * to {@code ds_l = a_l (da_l - sum_k a_k da_k)} in place; the weights of the first group are in {@code a} at
     * {@code aOff}, the second's right after. The two groups' sums (each a chain in token order) go side by side.
     */
    private static void scoreGradients(int aOff, int m, boolean pair, double[] a, double[] ds) {
        if (pair) {
            int o1 = m * LANES; // the second group's offset
            DoubleVector mean0 = DoubleVector.zero(S);
            DoubleVector mean1 = DoubleVector.zero(S);
            for (int l = 0; l < m; l++) { // [m, lanes] sum_l a_l da_l, both groups
                int k = l * LANES;
                mean0 = DoubleVector.fromArray(S, a, aOff + k).fma(DoubleVector.fromArray(S, ds, k), mean0);
                mean1 = DoubleVector.fromArray(S, a, aOff + o1 + k).fma(DoubleVector.fromArray(S, ds, o1 + k), mean1);
            }
            for (int l = 0; l < m; l++) { // [m, lanes] ds_l = a_l (da_l - mean), both groups
                int k = l * LANES;
                DoubleVector.fromArray(S, a, aOff + k).mul(DoubleVector.fromArray(S, ds, k).sub(mean0))
                        .intoArray(ds, k);
                DoubleVector.fromArray(S, a, aOff + o1 + k).mul(DoubleVector.fromArray(S, ds, o1 + k).sub(mean1))
                        .intoArray(ds, o1 + k);
            }
        } else { // one group: no second group's chains to carry
            DoubleVector mean0 = DoubleVector.zero(S);
            for (int l = 0; l < m; l++) { // [m, lanes] sum_l a_l da_l
                int k = l * LANES;
                mean0 = DoubleVector.fromArray(S, a, aOff + k).fma(DoubleVector.fromArray(S, ds, k), mean0);
            }
            for (int l = 0; l < m; l++) { // [m, lanes] ds_l = a_l (da_l - mean)
                int k = l * LANES;
                DoubleVector.fromArray(S, a, aOff + k).mul(DoubleVector.fromArray(S, ds, k).sub(mean0))
                        .intoArray(ds, k);
            }
        }
    }
}
