package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.icldynamics.model.OneLayerAttention.Spec;
import org.icldynamics.model.OneLayerAttention.Trainable;
import org.icldynamics.model.OneLayerAttention.ValueOutput;
import org.junit.jupiter.api.Test;

/**
 * The reduced linear path (sufficient statistics, heads combined before the prompts are visited) against the full
 * token kernel evaluated on the same parameters, on random small shapes: merged and separate key-query with every
 * rank 1..D, merged and separate value-output, outputs 1 and 2, 1 to 9 heads, both normalisations; and its bits on
 * 1 and 2 threads.
 */
class ReducedLinearAttentionTest {
    @Test
    void reducedPathEqualsTheFullTokenKernelTo1e12ForEveryRankAndOutputCount() {
        int cases = 0;
        long seed = 1;
        for (int d : new int[] {1, 3, 4}) {
            for (int o : new int[] {1, 2}) {
                for (int rank = 0; rank <= d + o; rank++) { // rank 0 stands for merged key-query
                    for (ValueOutput vo : ValueOutput.values()) {
                        for (int heads : new int[] {1, 3, 9}) {
                            Normalisation norm = Normalisation.values()[(int) (seed % 2)];
                            var b = AttentionSpecBuilder.defaults().heads(heads).scores(Scores.LINEAR).normalisation(norm)
                                    .valueOutput(vo).queryAttention(QueryAttention.values()[(int) (seed / 2 % 2)])
                                    .trainable(Trainable.REDUCED).init(Init.GAUSSIAN, 0.7);
                            if (rank > 0) {
                                b = b.separateKeyQuery(rank);
                            }
                            compare(b.build(), d, o, 70 + (int) (seed % 60), seed++);
                            cases++;
                        }
                    }
                }
            }
        }
        assertTrue(cases > 150, "cases " + cases);
    }

    @Test
    void reducedPathIsBitIdenticalOnOneAndTwoThreads() {
        Spec spec = AttentionSpecBuilder.defaults().heads(9).scores(Scores.LINEAR).separateKeyQuery(3).valueOutput(ValueOutput.MERGED)
                .queryAttention(QueryAttention.INCLUDED).trainable(Trainable.REDUCED).init(Init.GAUSSIAN, 0.5)
                .build();
        PromptBatch batch = TestPrompts.random(1000, 7, 5, 2, 3);
        try (BlockParallel two = new BlockParallel(2)) {
            OneLayerAttention m1 = spec.build(5, 2, 7, new RandomStreams(4), BlockParallel.serial());
            OneLayerAttention m2 = spec.build(5, 2, 7, new RandomStreams(4), two);
            double[] g1 = new double[m1.parameters().length];
            double[] g2 = new double[g1.length];
            for (int call = 0; call < 2; call++) { // the second call reuses the cached statistics and workspace
                double l1 = m1.lossAndGradient(batch, g1);
                double l2 = m2.lossAndGradient(batch, g2);
                assertEquals(Double.doubleToLongBits(l1), Double.doubleToLongBits(l2));
                assertArrayEquals(g1, g2);
                assertArrayEquals(m1.predict(batch), m2.predict(batch));
            }
        }
    }

    private static void compare(Spec reduced, int d, int o, int b, long seed) {
        OneLayerAttention fast = reduced.build(d, o, 4, new RandomStreams(seed), BlockParallel.serial());
        OneLayerAttention full = AttentionSpecBuilder.of(reduced).trainable(Trainable.ALL).build()
                .build(d, o, 4, new RandomStreams(seed), BlockParallel.serial());
        System.arraycopy(fast.parameters(), 0, full.parameters(), 0, fast.parameters().length);
        PromptBatch batch = TestPrompts.random(b, 5, d, o, seed + 1000);
        double[] gFast = new double[fast.parameters().length];
        double[] gFull = new double[gFast.length];
        double lFast = fast.lossAndGradient(batch, gFast);
        double lFull = full.lossAndGradient(batch, gFull);
        String where = reduced + " d=" + d + " o=" + o;
        assertEquals(lFull, lFast, 1e-12 * lFull, where);
        double[] mask = fast.trainableMask();
        double gMax = 0;
        for (double g : gFull) {
            gMax = Math.max(gMax, Math.abs(g));
        }
        for (int i = 0; i < gFast.length; i++) {
            assertEquals(mask[i] * gFull[i], gFast[i], 1e-12 * gMax, where + " " + fast.blockOf(i).name());
        }
        double[] pFull = full.predict(batch);
        double[] pFast = fast.predict(batch);
        for (int i = 0; i < pFull.length; i++) {
            assertEquals(pFull[i], pFast[i], 1e-12 * (1 + Math.abs(pFull[i])), where);
        }
    }
}
