package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.junit.jupiter.api.Test;

/**
 * The block's key-query gradient equals, bit for bit, each packed entry's scalar FMA chain over the prompts in order
 * ({@code dKQ[gr, i, j, h] += e[gr, i, h] x_q[j]}), whether the prompts are kept and added together (d = 8 and 16, with
 * prompt counts below, at and past {@link KeyQueryGradients#BATCH} and not a multiple of it) or added as they come
 * (other d); one and two head groups, the query attended or not.
 */
class KeyQueryGradientsTest {
    private static final int L = DoubleVector.SPECIES_PREFERRED.length();

    @Test
    void keptAndImmediateAdditionsEqualScalarChainsOverPromptsBitForBit() {
        SplittableRandom rng = new SplittableRandom(3);
        int cases = 0;
        for (int d : new int[] {8, 16, 5, 12}) {
            for (int groups : new int[] {1, 2}) {
                for (int prompts : new int[] {1, KeyQueryGradients.BATCH, 2 * KeyQueryGradients.BATCH + 3}) {
                    for (QueryAttention qa : QueryAttention.values()) {
                        check(d, groups, prompts, qa, rng);
                        cases++;
                    }
                }
            }
        }
        assertEquals(4 * 2 * 3 * 2, cases);
    }

    private static void check(int d, int groups, int prompts, QueryAttention qa, SplittableRandom rng) {
        int n = 6;
        KernelShape shape = new KernelShape(groups * L, d, 1, Scores.SOFTMAX, Normalisation.NONE, qa);
        PromptBatch batch = VectorAttentionKernelTest.batch(d, 1, n, prompts, 17L * d + prompts);
        int m = KernelPacking.attendedCount(shape, n);
        int dd = shape.tokenWidth();
        TokenRows t = new TokenRows(shape, n);
        double[] pkq = gaussians(rng, groups * dd * d * L); // a partial gradient already holding something
        double[] want = pkq.clone();
        KeyQueryGradients dkq = new KeyQueryGradients(shape, groups);
        for (int p = 0; p < prompts; p++) {
            t.point(batch, p);
            for (int gr = 0; gr < groups; gr++) {
                double[] ds = gaussians(rng, m * L);
                double[] e = new double[dd * L];
                HeadLaneSums.sums(ds, 0, t, m, e, 0); // sum_l ds_l z_l, bit-tested in HeadLaneSumsTest
                for (int i = 0; i < dd; i++) {
                    for (int j = 0; j < d; j++) {
                        for (int h = 0; h < L; h++) {
                            int k = ((gr * dd + i) * d + j) * L + h;
                            want[k] = Math.fma(e[i * L + h], batch.xq[p * d + j], want[k]);
                        }
                    }
                }
                dkq.add(gr, m, t, ds, 0, pkq);
            }
            dkq.endPrompt(t, pkq);
        }
        dkq.flush(pkq);
        for (int k = 0; k < want.length; k++) {
            int at = k;
            assertEquals(Double.doubleToRawLongBits(want[k]), Double.doubleToRawLongBits(pkq[k]),
                    () -> "d " + d + ", " + groups + " groups, " + prompts + " prompts, " + qa + ": entry " + at);
        }
    }

    private static double[] gaussians(SplittableRandom rng, int len) {
        double[] a = new double[len];
        for (int i = 0; i < len; i++) {
            a[i] = rng.nextGaussian();
        }
        return a;
    }
}
