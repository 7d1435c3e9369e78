package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.junit.jupiter.api.Test;

class VectorAttentionKernelTest {
    private static final int[] HEADS = {1, 3, 8, 9};

    /** Every (scores, normalisation, query attention, heads, outputs, n) combination on d = 3, plus d = 1 and 5. */
    @Test
    void doubleKernelEqualsReferenceTo1e12OnAllSmallShapes() {
        int cases = 0;
        for (int d : new int[] {1, 3, 5}) {
            for (KernelShape shape : shapes(d)) {
                for (int n : new int[] {0, 1, d - 1, d, 2 * d + 3}) {
                    compare(shape, n, 70, new VectorAttentionKernel(shape, BlockParallel.serial()), 1e-12, 1e-12);
                    cases++;
                }
            }
        }
        assertTrue(cases > 300);
    }

    @Test
    void floatKernelAgreesWithReferenceToFloatTolerance() {
        for (KernelShape shape : shapes(3)) {
            for (int n : new int[] {0, 1, 2, 3, 9}) {
                compare(shape, n, 70, new VectorFloatAttentionKernel(shape, BlockParallel.serial()), 2e-5, 1e-4);
            }
        }
    }

    /** d = 8 and 11: the token copies move x eight coordinates at a time (plus a scalar tail for 11). */
    @Test
    void kernelsEqualReferenceWhenTokensSpanWholeVectors() {
        for (int d : new int[] {8, 11}) {
            for (QueryAttention qa : QueryAttention.values()) {
                for (Scores scores : Scores.values()) {
                    KernelShape shape = new KernelShape(8, d, 1, scores, Normalisation.NONE, qa);
                    for (int n : new int[] {1, d + 2}) {
                        compare(shape, n, 70, new VectorAttentionKernel(shape, BlockParallel.serial()), 1e-12,
                                1e-12);
                        compare(shape, n, 70, new VectorFloatAttentionKernel(shape, BlockParallel.serial()), 2e-5,
                                1e-4);
                    }
                }
            }
        }
    }

    /** The float tokens are exactly the double tokens cast to float, the query slot included. */
    @Test
    void floatTokensAreTheDoubleTokensRoundedToFloat() {
        for (int d : new int[] {3, 8, 11, 17}) {
            for (int outputs : new int[] {1, 2}) {
                KernelShape shape = new KernelShape(8, d, outputs, Scores.SOFTMAX, Normalisation.NONE,
                        QueryAttention.INCLUDED);
                PromptBatch batch = batch(d, outputs, 5, 3, 40 + d);
                int m = 6 * shape.tokenWidth();
                for (int p = 0; p < batch.b; p++) {
                    double[] z = new double[m];
                    double[] xq = new double[d];
                    float[] zf = new float[m];
                    float[] xqf = new float[d];
                    VectorTokens.fill(shape, batch, p, z, xq);
                    VectorTokens.fill(shape, batch, p, zf, xqf);
                    for (int i = 0; i < m; i++) {
                        assertEquals(Float.floatToRawIntBits((float) z[i]), Float.floatToRawIntBits(zf[i]));
                    }
                    for (int i = 0; i < d; i++) {
                        assertEquals(Float.floatToRawIntBits((float) xq[i]), Float.floatToRawIntBits(xqf[i]));
                        assertEquals(Double.doubleToRawLongBits(batch.xq[p * d + i]),
                                Double.doubleToRawLongBits(xq[i]));
                    }
                    assertEquals(0.0, z[m - 1]); // the query's label slot
                }
            }
        }
    }

    @Test
    void resultsAreBitIdenticalOnOneAndTwoThreads() {
        KernelShape shape = new KernelShape(9, 4, 2, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        PromptBatch batch = batch(4, 2, 11, 300, 3);
        Circuits c = Circuits.random(shape, new SplittableRandom(5));
        try (BlockParallel two = new BlockParallel(2)) {
            for (OneLayerAttention.Precision precision : OneLayerAttention.Precision.values()) {
                AttentionKernel k1 = AttentionKernels.create(shape, precision, BlockParallel.serial());
                AttentionKernel k2 = AttentionKernels.create(shape, precision, two);
                double[] g1 = new double[c.kq.length];
                double[] o1 = new double[c.ov.length];
                double[] g2 = new double[c.kq.length];
                double[] o2 = new double[c.ov.length];
                double l1 = k1.sumSquaredErrorAndGradient(batch, c.kq, c.ov, g1, o1);
                double l2 = k2.sumSquaredErrorAndGradient(batch, c.kq, c.ov, g2, o2);
                assertEquals(Double.doubleToLongBits(l1), Double.doubleToLongBits(l2));
                assertArrayEquals(g1, g2);
                assertArrayEquals(o1, o2);
                double[] p1 = new double[batch.b * 2];
                double[] p2 = new double[batch.b * 2];
                k1.predict(batch, c.kq, c.ov, p1);
                k2.predict(batch, c.kq, c.ov, p2);
                assertArrayEquals(p1, p2);
            }
        }
    }

    /** Interpreted, C1 and C2 code must give the same bits (the Vector API's own EXP and reduceLanes do not). */
    @Test
    void bitsDoNotChangeWhenTheJitCompilesTheKernel() {
        KernelShape shape = new KernelShape(3, 3, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        PromptBatch batch = batch(3, 1, 8, 64, 2);
        Circuits c = Circuits.random(shape, new SplittableRandom(8));
        for (OneLayerAttention.Precision precision : OneLayerAttention.Precision.values()) {
            AttentionKernel k = AttentionKernels.create(shape, precision, BlockParallel.serial());
            double[] g0 = new double[c.kq.length];
            double[] o0 = new double[c.ov.length];
            double l0 = k.sumSquaredErrorAndGradient(batch, c.kq, c.ov, g0, o0);
            double[] g = new double[c.kq.length];
            double[] o = new double[c.ov.length];
            double l = 0;
            for (int rep = 0; rep < 3000; rep++) {
                l = k.sumSquaredErrorAndGradient(batch, c.kq, c.ov, g, o);
            }
            assertEquals(Double.doubleToLongBits(l0), Double.doubleToLongBits(l), precision.toString());
            assertArrayEquals(g0, g);
            assertArrayEquals(o0, o);
        }
    }

    @Test
    void factoryReturnsVectorKernelsForEachPrecision() {
        KernelShape shape = new KernelShape(8, 8, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        assertTrue((VectorWidth.doubles() >= AttentionKernels.MIN_DOUBLE_LANES ? VectorAttentionKernel.class
                : ReferenceAttentionKernel.class)
                .isInstance(AttentionKernels.create(shape, OneLayerAttention.Precision.DOUBLE, BlockParallel.serial())));
        assertTrue((PairedFloatAttentionKernel.suits() ? PairedFloatAttentionKernel.class
                : VectorFloatAttentionKernel.class)
                .isInstance(AttentionKernels.create(shape, OneLayerAttention.Precision.FLOAT, BlockParallel.serial())));
    }

    static java.util.List<KernelShape> shapes(int d) {
        java.util.List<KernelShape> out = new java.util.ArrayList<>();
        for (QueryAttention qa : QueryAttention.values()) {
            for (int heads : HEADS) {
                for (int outputs : new int[] {1, 2}) {
                    out.add(new KernelShape(heads, d, outputs, Scores.SOFTMAX, Normalisation.NONE, qa));
                    for (Normalisation norm : Normalisation.values()) {
                        out.add(new KernelShape(heads, d, outputs, Scores.LINEAR, norm, qa));
                    }
                }
            }
        }
        return out;
    }

    static void compare(KernelShape shape, int n, int b, AttentionKernel fast, double rtol, double atolRel) {
        PromptBatch batch = batch(shape.d(), shape.outputs(), n, b, 17 + n);
        Circuits c = Circuits.random(shape, new SplittableRandom(31L * shape.heads() + n));
        AttentionKernel ref = new ReferenceAttentionKernel(shape, BlockParallel.serial());
        double[] gkq = new double[c.kq.length];
        double[] gov = new double[c.ov.length];
        double[] fkq = new double[c.kq.length];
        double[] fov = new double[c.ov.length];
        double lr = ref.sumSquaredErrorAndGradient(batch, c.kq, c.ov, gkq, gov);
        double lf = fast.sumSquaredErrorAndGradient(batch, c.kq, c.ov, fkq, fov);
        String where = shape + " n=" + n;
        close(new double[] {lr}, new double[] {lf}, rtol, atolRel, where + " loss");
        close(gkq, fkq, rtol, atolRel, where + " gkq");
        close(gov, fov, rtol, atolRel, where + " gov");
        double[] pr = new double[b * shape.outputs()];
        double[] pf = new double[b * shape.outputs()];
        ref.predict(batch, c.kq, c.ov, pr);
        fast.predict(batch, c.kq, c.ov, pf);
        close(pr, pf, rtol, atolRel, where + " predict");
    }

    /** {@code |fast - ref| <= atolRel * max|ref| + rtol * |ref|} elementwise. */
    private static void close(double[] ref, double[] fast, double rtol, double atolRel, String what) {
        double scale = 0;
        for (double v : ref) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < ref.length; i++) {
            double tol = atolRel * scale + rtol * Math.abs(ref[i]);
            assertTrue(Math.abs(fast[i] - ref[i]) <= tol,
                    what + "[" + i + "]: fast " + fast[i] + " vs reference " + ref[i]);
        }
    }

    /** A kernel's {loss}, gkq, gov and predictions on {@code batch}. */
    static double[][] results(AttentionKernel k, PromptBatch batch, Circuits c) {
        double[] gkq = new double[c.kq().length];
        double[] gov = new double[c.ov().length];
        double loss = k.sumSquaredErrorAndGradient(batch, c.kq(), c.ov(), gkq, gov);
        double[] pred = new double[batch.b * batch.outputs];
        k.predict(batch, c.kq(), c.ov(), pred);
        return new double[][] {{loss}, gkq, gov, pred};
    }

    static PromptBatch batch(int d, int outputs, int n, int b, long seed) {
        if (outputs == 1) {
            LinearRegressionTask task = new LinearRegressionTask(n, Covariance.isotropic(d, 1.0), 1.0 / d, 0.1, 0.1);
            return new PromptSampler(task, new RandomStreams(seed), "kernel-test").sample(0, b);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        PromptBatch out = new PromptBatch(b, n, d, outputs);
        for (double[] a : new double[][] {out.x, out.y, out.xq, out.yq}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextGaussian();
            }
        }
        return out;
    }

    record Circuits(double[] kq, double[] ov) {
        static Circuits random(KernelShape shape, SplittableRandom rng) {
            int dd = shape.tokenWidth();
            double[] kq = new double[shape.heads() * dd * dd];
            double[] ov = new double[shape.heads() * shape.outputs() * dd];
            for (int i = 0; i < kq.length; i++) {
                kq[i] = 0.4 * rng.nextGaussian();
            }
            for (int i = 0; i < ov.length; i++) {
                ov[i] = rng.nextGaussian();
            }
            return new Circuits(kq, ov);
        }
    }
}
