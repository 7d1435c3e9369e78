package org.icldynamics.model;

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

class TokenLaneAttentionKernelTest {
    /** Token widths below, at and past whole vectors; n = 0, 1, < d, = d and odd lengths past several vectors. */
    @Test
    void tokenLaneKernelEqualsReferenceTo1e12OnAllSmallShapes() {
        int cases = 0;
        for (int d : new int[] {1, 3, 6, 9}) {
            for (KernelShape shape : VectorAttentionKernelTest.shapes(d)) {
                for (int n : new int[] {0, 1, d - 1, d, 2 * d + 3}) {
                    VectorAttentionKernelTest.compare(shape, n, 70,
                            new TokenLaneAttentionKernel(shape, BlockParallel.serial()), 1e-12, 1e-12);
                    cases++;
                }
            }
        }
        assertTrue(cases > 400, "cases " + cases);
    }

    @Test
    void tokenLaneKernelEqualsReferenceOnTheMultiTaskShape() {
        KernelShape shape = new KernelShape(3, 50, 3, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        VectorAttentionKernelTest.compare(shape, 100, 70, new TokenLaneAttentionKernel(shape, BlockParallel.serial()),
                1e-12, 1e-12);
    }

    @Test
    void resultsAreBitIdenticalOnOneAndTwoThreads() {
        KernelShape shape = new KernelShape(3, 11, 2, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.INCLUDED);
        PromptBatch batch = VectorAttentionKernelTest.batch(11, 2, 21, 300, 3);
        Circuits c = Circuits.random(shape, new SplittableRandom(5));
        try (BlockParallel two = new BlockParallel(2)) {
            AttentionKernel k1 = new TokenLaneAttentionKernel(shape, BlockParallel.serial());
            AttentionKernel k2 = new TokenLaneAttentionKernel(shape, two);
            double[] g1 = new double[c.kq().length];
            double[] o1 = new double[c.ov().length];
            double[] g2 = new double[c.kq().length];
            double[] o2 = new double[c.ov().length];
            double l1 = k1.sumSquaredErrorAndGradient(batch, c.kq(), c.ov(), g1, o1);
            double l2 = k2.sumSquaredErrorAndGradient(batch, c.kq(), c.ov(), g2, o2);
            assertEquals(Double.doubleToLongBits(l1), Double.doubleToLongBits(l2));
            assertArrayEquals(g1, g2);
            assertArrayEquals(o1, o2);
            double[] p1 = new double[batch.b * 2];
            double[] p2 = new double[batch.b * 2];
            k1.predict(batch, c.kq(), c.ov(), p1);
            k2.predict(batch, c.kq(), c.ov(), p2);
            assertArrayEquals(p1, p2);
        }
    }

    /** Interpreted, C1 and C2 code must give the same bits. */
    @Test
    void bitsDoNotChangeWhenTheJitCompilesTheKernel() {
        KernelShape shape = new KernelShape(2, 9, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        PromptBatch batch = VectorAttentionKernelTest.batch(9, 1, 13, 64, 2);
        Circuits c = Circuits.random(shape, new SplittableRandom(8));
        AttentionKernel k = new TokenLaneAttentionKernel(shape, BlockParallel.serial());
        double[] g0 = new double[c.kq().length];
        double[] o0 = new double[c.ov().length];
        double l0 = k.sumSquaredErrorAndGradient(batch, c.kq(), c.ov(), g0, o0);
        double[] g = new double[c.kq().length];
        double[] o = new double[c.ov().length];
        double l = 0;
        for (int rep = 0; rep < 1500; rep++) {
            l = k.sumSquaredErrorAndGradient(batch, c.kq(), c.ov(), g, o);
        }
        assertEquals(Double.doubleToLongBits(l0), Double.doubleToLongBits(l));
        assertArrayEquals(g0, g);
        assertArrayEquals(o0, o);
    }

    @Test
    void factoryPicksTokenLanesForFewHeadsOnWideTokensAndHeadLanesOtherwise() {
        // fewer than 4 heads on tokens at least 4 wide, on AVX2 and AVX-512 alike
        KernelShape wide = new KernelShape(3, 50, 3, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        KernelShape he25 = new KernelShape(2, 5, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        KernelShape many = new KernelShape(8, 50, 3, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        KernelShape four = new KernelShape(4, 50, 3, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        KernelShape narrow = new KernelShape(3, 2, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        if (VectorWidth.doubles() < AttentionKernels.MIN_DOUBLE_LANES) { // 128-bit vectors: the reference kernel
            for (KernelShape s : new KernelShape[] {wide, he25, many, four, narrow}) {
                assertTrue(AttentionKernels.create(s, Precision.DOUBLE, BlockParallel.serial())
                        instanceof ReferenceAttentionKernel);
            }
            return;
        }
        for (KernelShape s : new KernelShape[] {wide, he25}) {
            assertTrue(AttentionKernels.create(s, Precision.DOUBLE, BlockParallel.serial())
                    instanceof TokenLaneAttentionKernel, s.toString());
        }
        for (KernelShape s : new KernelShape[] {many, four}) {
            assertTrue(AttentionKernels.create(s, Precision.DOUBLE, BlockParallel.serial())
                    instanceof VectorAttentionKernel, s.toString());
        }
        assertTrue(AttentionKernels.create(narrow, Precision.DOUBLE, BlockParallel.serial())
                instanceof VectorAttentionKernel);
    }
}
