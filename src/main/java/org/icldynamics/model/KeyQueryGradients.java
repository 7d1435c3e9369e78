package org.icldynamics.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The key-query gradient of one block of prompts in {@link VectorAttentionKernel}: for every prompt and head group,
 * {@code dKQ += e x_q^T} with {@code e = sum_l ds_l z_l}, into the packed {@code [groups, D, d, lanes]} partial, each
 * entry a chain of FMAs over the prompts in order. Added prompt by prompt, every packed vector is loaded, taken through
 * one FMA and stored again for each prompt (at W 72 per prompt, about 3 cycles each: the stores bound it). For inputs
 * of 8 coordinates the prompts' {@code e} and {@code x_q} are kept for {@link #BATCH} prompts and added together: each
 * packed vector is loaded once, taken through the kept prompts' FMAs in prompt order in a register, and stored once,
 * the bits of adding prompt by prompt (W: 36 against 65 ns per prompt, Zen 4); the same for inputs of 16, 24, ...
 * coordinates, eight columns at a time. Other widths add each prompt as it comes.
 */
final class KeyQueryGradients {
    /** Prompts kept before they are added (4, 8 and 16 measured alike). */
    static final int BATCH = 8;
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    private final int d;
    private final int dd;
    private final int groups;
    private final boolean kept;
    /** {@code [BATCH, groups, D, lanes]}: {@code e} of the kept prompts (of the current prompt only, unless kept). */
    private final double[] e;
    /** {@code [BATCH, d]}: the kept prompts' queries. */
    private final double[] xq;
    private int count;

    KeyQueryGradients(KernelShape shape, int groups) {
        this.d = shape.d();
        this.dd = shape.tokenWidth();
        this.groups = groups;
        this.kept = d % 8 == 0;
        this.e = new double[(kept ? BATCH : 1) * groups * dd * LANES];
        this.xq = new double[BATCH * d];
    }

    /**
     * Group gr's {@code e = sum_l ds_l z_l} for the current prompt; added to {@code pkq} now, or kept until
     * {@link #endPrompt} has kept {@link #BATCH} prompts.
     *
     * @param ds {@code [m, lanes]} at {@code dsOff}, not modified
     * @param pkq packed {@code [groups, D, d, lanes]}, the block's partial gradient
     */
    void add(int gr, int m, TokenRows t, double[] ds, int dsOff, double[] pkq) {
        int eOff = ((kept ? count * groups : 0) + gr) * dd * LANES;
        HeadLaneSums.sums(ds, dsOff, t, m, e, eOff); // [D, lanes] = sum_l ds_l z_l
        if (!kept) {
            addNow(gr, eOff, t.xq, t.qo, pkq);
        }
    }

    /** Ends the current prompt (its groups all {@link #add}ed): keeps its query, adds the kept prompts once full. */
    void endPrompt(TokenRows t, double[] pkq) {
        if (kept) {
            System.arraycopy(t.xq, t.qo, xq, count * d, d);
            if (++count == BATCH) {
                flush(pkq);
            }
        }
    }

    /** Adds the kept prompts to {@code pkq} (call once after the block's last prompt). */
    void flush(double[] pkq) {
        if (count == 0) { // nothing kept (or other widths: nothing ever is)
            return;
        }
        for (int gr = 0; gr < groups; gr++) {
            for (int i = 0; i < dd; i++) { // [D, d, lanes] += sum over kept prompts, in order, of e_i x_q^T
                for (int j = 0; j < d; j += 8) {
                    addKept(gr, i, j, pkq);
                }
            }
        }
        count = 0;
    }

    /** Columns {@code j0..j0+7} of row i of group gr: 8 packed vectors held while the kept prompts' FMAs run. */
    private void addKept(int gr, int i, int j0, double[] pkq) {
        int k = ((gr * dd + i) * d + j0) * LANES;
        DoubleVector a0 = DoubleVector.fromArray(S, pkq, k);
        DoubleVector a1 = DoubleVector.fromArray(S, pkq, k + LANES);
        DoubleVector a2 = DoubleVector.fromArray(S, pkq, k + 2 * LANES);
        DoubleVector a3 = DoubleVector.fromArray(S, pkq, k + 3 * LANES);
        DoubleVector a4 = DoubleVector.fromArray(S, pkq, k + 4 * LANES);
        DoubleVector a5 = DoubleVector.fromArray(S, pkq, k + 5 * LANES);
        DoubleVector a6 = DoubleVector.fromArray(S, pkq, k + 6 * LANES);
        DoubleVector a7 = DoubleVector.fromArray(S, pkq, k + 7 * LANES);
        for (int p = 0; p < count; p++) { // [kept prompts] in order
            DoubleVector ei = DoubleVector.fromArray(S, e, ((p * groups + gr) * dd + i) * LANES);
            int q = p * d + j0;
            a0 = ei.fma(DoubleVector.broadcast(S, xq[q]), a0);
            a1 = ei.fma(DoubleVector.broadcast(S, xq[q + 1]), a1);
            a2 = ei.fma(DoubleVector.broadcast(S, xq[q + 2]), a2);
            a3 = ei.fma(DoubleVector.broadcast(S, xq[q + 3]), a3);
            a4 = ei.fma(DoubleVector.broadcast(S, xq[q + 4]), a4);
            a5 = ei.fma(DoubleVector.broadcast(S, xq[q + 5]), a5);
            a6 = ei.fma(DoubleVector.broadcast(S, xq[q + 6]), a6);
            a7 = ei.fma(DoubleVector.broadcast(S, xq[q + 7]), a7);
        }
        a0.intoArray(pkq, k);
        a1.intoArray(pkq, k + LANES);
        a2.intoArray(pkq, k + 2 * LANES);
        a3.intoArray(pkq, k + 3 * LANES);
        a4.intoArray(pkq, k + 4 * LANES);
        a5.intoArray(pkq, k + 5 * LANES);
        a6.intoArray(pkq, k + 6 * LANES);
        a7.intoArray(pkq, k + 7 * LANES);
    }

    /** {@code pkq[gr] += e x_q^T} for one prompt, {@code e} at {@code eOff}. */
    private void addNow(int gr, int eOff, double[] x, int qo, double[] pkq) {
        int kqOff = gr * dd * d * LANES;
        for (int i = 0; i < dd; i++) { // [D, d, lanes] += (sum_l ds_l z_l) x_q^T
            DoubleVector ei = DoubleVector.fromArray(S, e, eOff + i * LANES);
            for (int j = 0; j < d; j++) {
                int k = kqOff + (i * d + j) * LANES;
                ei.fma(DoubleVector.broadcast(S, x[qo + j]), DoubleVector.fromArray(S, pkq, k)).intoArray(pkq, k);
            }
        }
    }
}
