package org.icldynamics.model;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorAttentionKernel}'s query vectors {@code q = KQ_h x_q}, {@code [D, lanes]} per head group from the packed
 * {@code [D, d, lanes]} key-query circuits: each lane of each {@code q_i} one chain over j in order, whatever rows are
 * computed together. Rows go in two runs of four side by side (rows i..i+7 of one group, or rows i..i+3 of each of a
 * pair of groups) with {@code j} outer, so one broadcast of {@code x_q[j]} feeds eight FMAs and eight independent
 * chains hide the FMA latency; rows past the last runs go one at a time.
 */
final class QueryVectors {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int LANES = S.length();

    private QueryVectors() {
    }

    /**
     * @param kqT packed key-query circuits, group 0 at {@code k0} and (when {@code pair}) group 1 at {@code k1}
     * @param xq the query input at {@code qo}, {@code d} coordinates
     * @param q overwritten: {@code [D, lanes]} of the first group at 0, of the second at {@code D lanes}
     */
    static void compute(double[] kqT, int k0, int k1, boolean pair, double[] xq, int qo, int d, int dd, double[] q) {
        int r = d * LANES; // from one row to the next
        int i = 0;
        if (pair) {
            for (; i + 3 < dd; i += 4) { // rows i..i+3 of both groups
                twoFours(kqT, k0 + i * r, k1 + i * r, xq, qo, d, q, i * LANES, (dd + i) * LANES);
            }
        } else {
            for (; i + 7 < dd; i += 8) { // rows i..i+7 of one group
                twoFours(kqT, k0 + i * r, k0 + (i + 4) * r, xq, qo, d, q, i * LANES, (i + 4) * LANES);
            }
        }
        for (; i < dd; i++) {
            one(kqT, k0 + i * r, xq, qo, d, q, i * LANES);
            if (pair) {
                one(kqT, k1 + i * r, xq, qo, d, q, (dd + i) * LANES);
            }
        }
    }

    /**
     * Two runs of four consecutive rows side by side, one starting at {@code k} into {@code q} from {@code out}, the
     * other at {@code kk} into {@code q} from {@code out1}: eight chains fed by one broadcast of {@code x_q[j]}.
     */
    private static void twoFours(double[] kqT, int k, int kk, double[] xq, int qo, int d, double[] q, int out,
                                 int out1) {
        int r = d * LANES;
        DoubleVector a0 = DoubleVector.zero(S);
        DoubleVector a1 = a0;
        DoubleVector a2 = a0;
        DoubleVector a3 = a0;
        DoubleVector b0 = a0;
        DoubleVector b1 = a0;
        DoubleVector b2 = a0;
        DoubleVector b3 = a0;
        for (int j = 0; j < d; j++) {
            DoubleVector xj = DoubleVector.broadcast(S, xq[qo + j]);
            int kj = k + j * LANES;
            int kkj = kk + j * LANES;
            a0 = DoubleVector.fromArray(S, kqT, kj).fma(xj, a0);
            b0 = DoubleVector.fromArray(S, kqT, kkj).fma(xj, b0);
            a1 = DoubleVector.fromArray(S, kqT, kj + r).fma(xj, a1);
            b1 = DoubleVector.fromArray(S, kqT, kkj + r).fma(xj, b1);
            a2 = DoubleVector.fromArray(S, kqT, kj + 2 * r).fma(xj, a2);
            b2 = DoubleVector.fromArray(S, kqT, kkj + 2 * r).fma(xj, b2);
            a3 = DoubleVector.fromArray(S, kqT, kj + 3 * r).fma(xj, a3);
            b3 = DoubleVector.fromArray(S, kqT, kkj + 3 * r).fma(xj, b3);
        }
        a0.intoArray(q, out);
        a1.intoArray(q, out + LANES);
        a2.intoArray(q, out + 2 * LANES);
        a3.intoArray(q, out + 3 * LANES);
        b0.intoArray(q, out1);
        b1.intoArray(q, out1 + LANES);
        b2.intoArray(q, out1 + 2 * LANES);
        b3.intoArray(q, out1 + 3 * LANES);
    }

    /** One row of one group: row start {@code k}, vector to {@code out}. */
    private static void one(double[] kqT, int k, double[] xq, int qo, int d, double[] q, int out) {
        DoubleVector acc = DoubleVector.zero(S);
        for (int j = 0; j < d; j++) {
            acc = DoubleVector.fromArray(S, kqT, k + j * LANES).fma(DoubleVector.broadcast(S, xq[qo + j]), acc);
        }
        acc.intoArray(q, out);
    }
}
