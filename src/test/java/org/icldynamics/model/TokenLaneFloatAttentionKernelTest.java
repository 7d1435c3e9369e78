package org.icldynamics.model;

import static org.icldynamics.model.VectorAttentionKernelTest.results;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.Precision;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.icldynamics.model.VectorAttentionKernelTest.Circuits;
import org.junit.jupiter.api.Test;

/**
 * The float token-lane kernel against the reference to float accuracy (the tolerances of the other float kernels),
 * on token widths below, at and past one vector of 8 floats and attended counts 0, 1, within and past whole vectors;
 * bit-identical on 1 and 2 threads and before and after the JIT; chosen for the double token-lane kernel's shapes.
 */
class TokenLaneFloatAttentionKernelTest {
    @Test
    void agreesWithReferenceToFloatToleranceOnSmallShapes() {
        int cases = 0;
        for (int d : new int[] {3, 6, 7, 9}) {
            for (KernelShape shape : VectorAttentionKernelTest.shapes(d)) {
                if (shape.heads() > 3) {
                    continue; // the kernel's shapes: fewer than 4 heads
                }
                for (int n : new int[] {0, 1, d, 2 * d + 3, 17}) {
                    VectorAttentionKernelTest.compare(shape, n, 70,
                            new TokenLaneFloatAttentionKernel(shape, BlockParallel.serial()), 2e-5, 1e-4);
                    cases++;
                }
            }
        }
        // d, query attention, heads 1 and 3, outputs, scores (softmax, linear with each normalisation), n
        assertEquals(4 * 2 * 2 * 2 * (1 + Normalisation.values().length) * 5, cases);
    }

    @Test
    void agreesWithReferenceOnTheMultiTaskAndHe25Shapes() {
        KernelShape multiTask = new KernelShape(3, 50, 3, Scores.SOFTMAX, Normalisation.NONE,
                QueryAttention.EXCLUDED);
        VectorAttentionKernelTest.compare(multiTask, 100, 40,
                new TokenLaneFloatAttentionKernel(multiTask, BlockParallel.serial()), 2e-5, 1e-4);
        KernelShape he25 = new KernelShape(2, 5, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        VectorAttentionKernelTest.compare(he25, 40, 130,
                new TokenLaneFloatAttentionKernel(he25, BlockParallel.serial()), 2e-5, 1e-4);
    }

    @Test
    void resultsAreBitIdenticalOnOneAndTwoThreads() {
        KernelShape shape = new KernelShape(3, 11, 2, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.INCLUDED);
        PromptBatch batch = VectorAttentionKernelTest.batch(11, 2, 21, 300, 3);
        Circuits c = Circuits.random(shape, new SplittableRandom(5));
        try (BlockParallel two = new BlockParallel(2)) {
            double[][] one = results(new TokenLaneFloatAttentionKernel(shape, BlockParallel.serial()), batch, c);
            double[][] both = results(new TokenLaneFloatAttentionKernel(shape, two), batch, c);
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], both[i]);
            }
        }
    }

    /** Interpreted, C1 and C2 code must give the same bits. */
    @Test
    void bitsDoNotChangeWhenTheJitCompilesTheKernel() {
        KernelShape shape = new KernelShape(2, 9, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        PromptBatch batch = VectorAttentionKernelTest.batch(9, 1, 13, 64, 2);
        Circuits c = Circuits.random(shape, new SplittableRandom(8));
        AttentionKernel k = new TokenLaneFloatAttentionKernel(shape, BlockParallel.serial());
        double[][] first = results(k, batch, c);
        double[][] last = first;
        for (int rep = 0; rep < 1500; rep++) {
            last = results(k, batch, c);
        }
        for (int i = 0; i < first.length; i++) {
            assertArrayEquals(first[i], last[i]);
        }
    }

    @Test
    void factoryPicksItWhereDoublePrecisionPicksTokenLanes() {
        KernelShape he25 = new KernelShape(2, 5, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        KernelShape wide = new KernelShape(3, 50, 3, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        KernelShape four = new KernelShape(4, 50, 3, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        KernelShape narrow = new KernelShape(3, 2, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        for (KernelShape s : new KernelShape[] {he25, wide}) {
            assertTrue(AttentionKernels.create(s, Precision.FLOAT, BlockParallel.serial())
                    instanceof TokenLaneFloatAttentionKernel, s.toString());
        }
        for (KernelShape s : new KernelShape[] {four, narrow}) {
            AttentionKernel k = AttentionKernels.create(s, Precision.FLOAT, BlockParallel.serial());
            assertTrue(k instanceof PairedFloatAttentionKernel || k instanceof VectorFloatAttentionKernel,
                    s + ": " + k.getClass().getSimpleName());
        }
    }
}
