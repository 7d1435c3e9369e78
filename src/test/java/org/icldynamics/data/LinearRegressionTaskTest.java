package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;

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
}
