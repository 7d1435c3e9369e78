package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.junit.jupiter.api.Test;

class ReferenceAttentionKernelTest {
    private static final double ATOL = 1e-7;
    private static final double RTOL = 1e-6;

    @Test
    void circuitGradientsMatchCentralDifferencesForEveryScoreNormalisationAndQueryMode() {
        int[][] shapes = {{1, 0, 2, 1}, {1, 1, 3, 1}, {3, 2, 3, 2}, {2, 3, 3, 1}, {3, 5, 2, 2}};
        long seed = 1;
        for (Scores scores : Scores.values()) {
            for (Normalisation norm : Normalisation.values()) {
                for (QueryAttention qa : QueryAttention.values()) {
                    for (int[] s : shapes) {
                        KernelShape shape = new KernelShape(s[0], s[2], s[3], scores, norm, qa);
                        checkGradient(shape, TestPrompts.random(5, s[1], s[2], s[3], seed++), seed++);
                    }
                }
            }
        }
    }

    private static void checkGradient(KernelShape shape, PromptBatch batch, long seed) {
        int dd = shape.tokenWidth();
        double[] kq = TestPrompts.gaussian(shape.heads() * dd * dd, 0.5, seed);
        double[] ov = TestPrompts.gaussian(shape.heads() * shape.outputs() * dd, 0.5, seed + 1000);
        ReferenceAttentionKernel kernel = new ReferenceAttentionKernel(shape, BlockParallel.serial());
        double[] gkq = new double[kq.length];
        double[] gov = new double[ov.length];
        kernel.sumSquaredErrorAndGradient(batch, kq, ov, gkq, gov);
        compareWithDifferences(kernel, batch, kq, ov, kq, gkq, shape + " kq");
        compareWithDifferences(kernel, batch, kq, ov, ov, gov, shape + " ov");
    }

    private static void compareWithDifferences(ReferenceAttentionKernel kernel, PromptBatch batch, double[] kq,
                                               double[] ov, double[] perturbed, double[] analytic, String what) {
        double eps = 1e-5;
        double[] gk = new double[kq.length];
        double[] go = new double[ov.length];
        for (int i = 0; i < perturbed.length; i++) {
            double keep = perturbed[i];
            perturbed[i] = keep + eps;
            double plus = kernel.sumSquaredErrorAndGradient(batch, kq, ov, gk, go);
            perturbed[i] = keep - eps;
            double minus = kernel.sumSquaredErrorAndGradient(batch, kq, ov, gk, go);
            perturbed[i] = keep;
            double fd = (plus - minus) / (2 * eps);
            assertTrue(Math.abs(analytic[i] - fd) <= ATOL + RTOL * Math.abs(fd),
                    what + " [" + i + "]: analytic " + analytic[i] + " vs central difference " + fd);
        }
    }

    @Test
    void softmaxWithZeroKeyQueryPredictsTheMeanOfTheAttendedTokens() {
        for (QueryAttention qa : QueryAttention.values()) {
            int d = 3;
            int o = 2;
            int n = 4;
            KernelShape shape = new KernelShape(2, d, o, Scores.SOFTMAX, Normalisation.NONE, qa);
            int dd = shape.tokenWidth();
            PromptBatch batch = TestPrompts.random(3, n, d, o, 7);
            double[] kq = new double[2 * dd * dd];
            double[] ov = TestPrompts.gaussian(2 * o * dd, 1.0, 8);
            double[] out = new double[batch.b * o];
            new ReferenceAttentionKernel(shape, BlockParallel.serial()).predict(batch, kq, ov, out);
            int m = qa == QueryAttention.INCLUDED ? n + 1 : n;
            for (int p = 0; p < batch.b; p++) {
                double[] mean = new double[dd]; // [D]
                for (int l = 0; l < n; l++) {
                    for (int i = 0; i < d; i++) {
                        mean[i] += batch.x[batch.xIndex(p, l) + i] / m;
                    }
                    for (int c = 0; c < o; c++) {
                        mean[d + c] += batch.y[batch.yIndex(p, l) + c] / m;
                    }
                }
                if (qa == QueryAttention.INCLUDED) {
                    for (int i = 0; i < d; i++) {
                        mean[i] += batch.xq[p * d + i] / m;
                    }
                }
                for (int c = 0; c < o; c++) {
                    double expected = 0.0;
                    for (int h = 0; h < 2; h++) {
                        for (int i = 0; i < dd; i++) {
                            expected += ov[(h * o + c) * dd + i] * mean[i];
                        }
                    }
                    assertEquals(expected, out[p * o + c], 1e-12);
                }
            }
        }
    }

    @Test
    void softmaxWithNoAttendedTokenPredictsZeroWithZeroGradient() {
        KernelShape shape = new KernelShape(2, 2, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        PromptBatch batch = TestPrompts.random(3, 0, 2, 1, 3);
        double[] kq = TestPrompts.gaussian(2 * 9, 1.0, 4);
        double[] ov = TestPrompts.gaussian(2 * 3, 1.0, 5);
        double[] gkq = new double[kq.length];
        double[] gov = new double[ov.length];
        ReferenceAttentionKernel kernel = new ReferenceAttentionKernel(shape, BlockParallel.serial());
        double sse = kernel.sumSquaredErrorAndGradient(batch, kq, ov, gkq, gov);
        double[] out = new double[3];
        kernel.predict(batch, kq, ov, out);
        assertArrayEquals(new double[3], out);
        assertArrayEquals(new double[kq.length], gkq);
        assertArrayEquals(new double[ov.length], gov);
        double expected = 0.0;
        for (double y : batch.yq) {
            expected += y * y;
        }
        assertEquals(expected, sse, 1e-12);
    }

    @Test
    void resultsAreBitIdenticalOnOneAndTwoThreads() {
        KernelShape shape = new KernelShape(3, 3, 2, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.INCLUDED);
        int dd = shape.tokenWidth();
        PromptBatch batch = TestPrompts.random(300, 6, 3, 2, 11);
        double[] kq = TestPrompts.gaussian(3 * dd * dd, 0.3, 12);
        double[] ov = TestPrompts.gaussian(3 * 2 * dd, 0.3, 13);
        double[] g1 = new double[kq.length];
        double[] o1 = new double[ov.length];
        double[] g2 = new double[kq.length];
        double[] o2 = new double[ov.length];
        double s1 = new ReferenceAttentionKernel(shape, BlockParallel.serial())
                .sumSquaredErrorAndGradient(batch, kq, ov, g1, o1);
        double s2;
        try (BlockParallel two = new BlockParallel(2)) {
            s2 = new ReferenceAttentionKernel(shape, two).sumSquaredErrorAndGradient(batch, kq, ov, g2, o2);
        }
        assertEquals(Double.doubleToLongBits(s1), Double.doubleToLongBits(s2));
        assertArrayEquals(g1, g2, 0.0);
        assertArrayEquals(o1, o2, 0.0);
    }
}
