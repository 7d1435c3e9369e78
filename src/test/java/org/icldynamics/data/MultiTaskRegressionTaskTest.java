package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;

class MultiTaskRegressionTaskTest {

    @Test
    void papersLayoutsAreReachableBySettings() {
        MultiTaskRegressionTask.Spec a = MultiTaskRegressionTask.Spec.overlappingPair();
        assertEquals(6, a.d());
        assertEquals(48, a.n());
        assertArrayEquals(new int[][] {{0, 1, 2, 3}, {2, 3, 4, 5}}, a.coordinates());
        assertArrayEquals(new double[] {0.4, 0.4}, a.sigma2());
        MultiTaskRegressionTask.Spec b = MultiTaskRegressionTask.Spec.contiguousBlocks(50, 3, 100, 0);
        int[][] c = b.coordinates();
        assertEquals(16, c[0].length);
        assertEquals(17, c[1].length);
        assertEquals(17, c[2].length);
        assertEquals(0, c[0][0]);
        assertEquals(16, c[1][0]);
        assertEquals(49, c[2][16]);
        assertEquals(53, new PromptBatch(1, 1, b.d(), b.outputs()).tokenWidth());
    }

    /**
     * The isotropic fast path (diagonal factor, labels summed over the support only) gives the bits of the dense
     * formulas x = F g and y = w^T x over all d coordinates, recomputed here from the same stream.
     */
    @Test
    void isotropicSamplingEqualsTheDenseFormulasBitForBit() {
        int d = 7;
        int n = 5;
        MultiTaskRegressionTask.Spec spec = new MultiTaskRegressionTask.Spec(n,
                new CovarianceSpec.Isotropic(d, 2.5, TraceNormalization.NONE), new int[][] {{0, 1, 2}, {3, 4, 5, 6}},
                1.5, new double[] {0.1, 0.2}, QueryNoise.SAME_AS_CONTEXT);
        MultiTaskRegressionTask task = (MultiTaskRegressionTask) spec.build(new RandomStreams(1));
        RandomStreams streams = new RandomStreams(3);
        int b = 10;
        PromptBatch batch = new PromptSampler(task, streams, "t").sample(0, b);
        double[] f = org.icldynamics.linalg.Cholesky.lower(task.covariance().matrix(), d);
        int count = 7 + (n + 1) * d + n * 2 + 2;
        double[] g = new double[count];
        java.util.SplittableRandom rng = streams.stream("t", 0, 0);
        for (int p = 0; p < b; p++) {
            Normals.fill(rng, g, 0, count);
            int at = 7;
            double[][] tokens = new double[n + 1][d];
            for (int l = 0; l <= n; l++) { // dense x = F g, query last
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    for (int k = 0; k <= i; k++) {
                        s += f[i * d + k] * g[at + k];
                    }
                    tokens[l][i] = s;
                }
                at += d;
            }
            for (int l = 0; l <= n; l++) {
                for (int i = 0; i < d; i++) {
                    double got = l < n ? batch.x[batch.xIndex(p, l) + i] : batch.xq[p * d + i];
                    assertEquals(Double.doubleToLongBits(tokens[l][i]), Double.doubleToLongBits(got));
                }
            }
            for (int l = 0; l <= n; l++) { // dense labels over all d coordinates, then the noise
                for (int k = 0; k < 2; k++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += batch.w[(p * 2 + k) * d + j] * tokens[l][j];
                    }
                    double y = s + Math.sqrt(k == 0 ? 0.1 : 0.2) * g[at++];
                    double got = l < n ? batch.y[batch.yIndex(p, l) + k] : batch.yq[p * 2 + k];
                    assertEquals(Double.doubleToLongBits(y), Double.doubleToLongBits(got));
                }
            }
        }
    }

    /** Noiseless labels equal the dot product over the task's own coordinates; the task vector is 0 elsewhere. */
    @Test
    void labelsUseOnlyTheirOwnCoordinates() {
        int[][] coords = {{0, 1, 2, 3}, {2, 3, 4, 5}, {5}};
        MultiTaskRegressionTask task = new MultiTaskRegressionTask.Spec(9,
                new CovarianceSpec.Toeplitz(6, 0.3, TraceNormalization.NONE), coords, 1, new double[3],
                QueryNoise.NOISELESS).build(new RandomStreams(1));
        PromptBatch b = new PromptSampler(task, new RandomStreams(2), "t").sample(0, 100);
        int d = 6;
        for (int p = 0; p < b.b; p++) {
            for (int k = 0; k < 3; k++) {
                int wo = (p * 3 + k) * d;
                for (int j = 0; j < d; j++) {
                    int jj = j;
                    boolean inside = java.util.Arrays.stream(coords[k]).anyMatch(c -> c == jj);
                    if (!inside) {
                        assertEquals(0.0, b.w[wo + j], "task " + k + " coordinate " + j);
                    }
                }
                for (int i = 0; i < b.n; i++) {
                    double s = 0;
                    for (int j : coords[k]) {
                        s += b.w[wo + j] * b.x[b.xIndex(p, i) + j];
                    }
                    assertEquals(s, b.y[b.yIndex(p, i) + k], 1e-14);
                }
                double sq = 0;
                for (int j : coords[k]) {
                    sq += b.w[wo + j] * b.xq[p * d + j];
                }
                assertEquals(sq, b.yq[p * 3 + k], 1e-14);
                assertEquals(b.signal[p * 3 + k], b.yq[p * 3 + k]);
            }
        }
    }

    /** Per-task context noise has variance sigma2[k] (4 SE), and a noisy query carries it too. */
    @Test
    void perTaskNoiseHasItsVariance() {
        double[] sigma2 = {0.4, 0.1};
        MultiTaskRegressionTask task = new MultiTaskRegressionTask.Spec(4,
                new CovarianceSpec.Isotropic(6, 1, TraceNormalization.NONE), new int[][] {{0, 1, 2, 3}, {2, 3, 4, 5}},
                1, sigma2, QueryNoise.SAME_AS_CONTEXT).build(new RandomStreams(1));
        PromptBatch b = new PromptSampler(task, new RandomStreams(5), "t").sample(0, 20_000, 4, BlockParallel.serial());
        for (int k = 0; k < 2; k++) {
            double ctx = 0;
            double qry = 0;
            int m = 0;
            for (int p = 0; p < b.b; p++) {
                for (int i = 0; i < b.n; i++) {
                    double e = b.y[b.yIndex(p, i) + k] - LinearSignal.dot(b.w, (p * 2 + k) * 6, b.x, b.xIndex(p, i), 6);
                    ctx += e * e;
                    m++;
                }
                double q = b.yq[p * 2 + k] - b.signal[p * 2 + k];
                qry += q * q;
            }
            // the mean of e^2 over m draws has SE sigma2 sqrt(2/m)
            assertEquals(sigma2[k], ctx / m, 4 * sigma2[k] * Math.sqrt(2.0 / m));
            assertEquals(sigma2[k], qry / b.b, 4 * sigma2[k] * Math.sqrt(2.0 / b.b));
        }
    }

    @Test
    void overlappingOrUnsortedCoordinatesAreCheckedWithACause() {
        CovarianceSpec cov = new CovarianceSpec.Isotropic(4, 1, TraceNormalization.NONE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MultiTaskRegressionTask.Spec(4, cov, new int[][] {{0, 4}}, 1, new double[1],
                        QueryNoise.NOISELESS));
        assertEquals(true, e.getMessage().contains("inside [0, 4)"));
        assertThrows(IllegalArgumentException.class, () -> new MultiTaskRegressionTask.Spec(4, cov,
                new int[][] {{1, 0}}, 1, new double[1], QueryNoise.NOISELESS));
        assertThrows(IllegalArgumentException.class, () -> new MultiTaskRegressionTask.Spec(4, cov,
                new int[][] {{0}, {1}}, 1, new double[1], QueryNoise.NOISELESS));
    }
}
