package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LinearRegressionTaskTest {
    private static final int D = 3;
    private static final Covariance LAMBDA = Covariance.fromEigen(new double[] {2.0, 1.0, 0.25},
            Covariance.randomOrthogonal(D, new SplittableRandom(9)));

    /** Bulk-drawn blocks keep the documented law: x ~ N(0, Lambda), w ~ N(0, tau2 I), the two noise levels. */
    @Test
    void bulkDrawnPromptsHaveTheDocumentedSecondMomentsWithinFourStandardErrors() {
        double tau2 = 0.5;
        double sigma2 = 0.1;
        double qs2 = 0.3;
        LinearRegressionTask task = new LinearRegressionTask(5, LAMBDA, tau2, sigma2, qs2);
        PromptBatch b = new PromptSampler(task, new RandomStreams(4), "law").sample(0, 20_000, 5,
                BlockParallel.serial());
        double[] lam = LAMBDA.matrix();
        int tokens = b.b * b.n;
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < D; j++) {
                double s = 0;
                for (int t = 0; t < tokens; t++) {
                    s += b.x[t * D + i] * b.x[t * D + j];
                }
                double se = Math.sqrt((lam[i * D + i] * lam[j * D + j] + lam[i * D + j] * lam[i * D + j]) / tokens);
                assertEquals(lam[i * D + j], s / tokens, 4 * se, "Lambda[" + i + "," + j + "]");
            }
        }
        double w2 = 0;
        for (double v : b.w) {
            w2 += v * v;
        }
        assertEquals(tau2, w2 / b.w.length, 4 * tau2 * Math.sqrt(2.0 / b.w.length), "tau2");
        double e2 = 0;
        for (int p = 0; p < b.b; p++) {
            for (int t = 0; t < b.n; t++) {
                double sig = 0;
                for (int j = 0; j < D; j++) {
                    sig += b.w[p * D + j] * b.x[b.xIndex(p, t) + j];
                }
                double e = b.y[b.yIndex(p, t)] - sig;
                e2 += e * e;
            }
        }
        assertEquals(sigma2, e2 / tokens, 4 * sigma2 * Math.sqrt(2.0 / tokens), "sigma2");
        double q2 = 0;
        for (int p = 0; p < b.b; p++) {
            double e = b.yq[p] - b.signal[p];
            q2 += e * e;
        }
        assertEquals(qs2, q2 / b.b, 4 * qs2 * Math.sqrt(2.0 / b.b), "query sigma2");
    }

    @Test
    void transformEqualsTheSamplingFactorForDiagonalAndFullCovariances() {
        for (Covariance c : new Covariance[] {LAMBDA, Covariance.isotropic(D, 2.0)}) {
            double[] viaSample = new double[D];
            c.sample(new SplittableRandom(3), viaSample, 0, new double[D]);
            SplittableRandom r = new SplittableRandom(3);
            double[] g = new double[D];
            for (int i = 0; i < D; i++) {
                g[i] = r.nextGaussian();
            }
            double[] viaTransform = new double[D];
            c.transform(g, 0, viaTransform, 0);
            for (int i = 0; i < D; i++) {
                assertTrue(Math.abs(viaSample[i] - viaTransform[i]) <= 1e-15 * (1 + Math.abs(viaSample[i])));
            }
        }
    }

    /**
     * The fused, chunked fill equals the documented recipe bit for bit: one {@link Normals#fill} of the block's
     * normals, then per prompt {@code w}, per token {@code x = F g} and {@code y = w . x + noise} (ascending sums),
     * then the query; for a diagonal factor (fused path) and a rotated one, on a block longer than one chunk; with
     * double normals and with float runs' float normals.
     */
    @ParameterizedTest
    @EnumSource(DrawPrecision.class)
    void blockFillEqualsTheDocumentedDrawOrderBitForBit(DrawPrecision precision) {
        for (Covariance cov : new Covariance[] {Covariance.isotropic(D, 0.7), LAMBDA}) {
            int n = 7;
            int b = 40;
            LinearRegressionTask task = new LinearRegressionTask(n, cov, 0.5, 0.1, 0.3).drawnIn(precision);
            assertEquals(precision, task.draws());
            PromptBatch got = new PromptBatch(b, n, D, 1);
            task.fill(got, 0, b, new SplittableRandom(21));
            int per = 2 * D + n * (D + 1) + 1;
            double[] g = new double[b * per];
            Normals.fill(new SplittableRandom(21), g, 0, g.length, precision);
            PromptBatch want = new PromptBatch(b, n, D, 1);
            int k = 0;
            for (int p = 0; p < b; p++) { // [b, n, d]
                for (int j = 0; j < D; j++) {
                    want.w[p * D + j] = Math.sqrt(0.5) * g[k++];
                }
                for (int i = 0; i < n; i++) {
                    cov.transform(g, k, want.x, want.xIndex(p, i));
                    k += D;
                    want.y[want.yIndex(p, i)] = LinearSignal.dot(want.w, p * D, want.x, want.xIndex(p, i), D)
                            + Math.sqrt(0.1) * g[k++];
                }
                cov.transform(g, k, want.xq, p * D);
                k += D;
                want.signal[p] = LinearSignal.dot(want.w, p * D, want.xq, p * D, D);
                want.yq[p] = want.signal[p] + Math.sqrt(0.3) * g[k++];
            }
            for (double[][] pair : new double[][][] {{want.x, got.x}, {want.y, got.y}, {want.w, got.w},
                    {want.xq, got.xq}, {want.yq, got.yq}, {want.signal, got.signal}}) {
                for (int i = 0; i < pair[0].length; i++) {
                    assertEquals(Double.doubleToRawLongBits(pair[0][i]), Double.doubleToRawLongBits(pair[1][i]),
                            "element " + i);
                }
            }
        }
    }
}
