package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LinearTransformerConstructionTest {
    @ParameterizedTest(name = "d={0} n={1} T={2}")
    @CsvSource({"5, 12, 0", "5, 12, 1", "6, 9, 3", "4, 30, 4"})
    void constructedStackEqualsPreprocessThenOptimizeComputedDirectly(int d, int n, int steps) {
        double eta = 0.7;
        double c = 1.3;
        PromptBatch batch = new PromptSampler(new SparseRegressionTask(SparseRegressionTask.Spec.of(d, 2, n, 0.05)),
                new RandomStreams(11), "ptO").sample(0, 70);
        double[] got = LinearTransformerConstruction.build(d, steps, eta, c, BlockParallel.serial()).predict(batch);
        for (int p = 0; p < batch.b; p++) {
            double[] r = new double[d]; // r_j = (1/n) sum_i y_i x_ij
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    r[j] += batch.y[p * n + i] * batch.x[batch.xIndex(p, i) + j] / n;
                }
            }
            double[][] xt = new double[n][d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    xt[i][j] = c * r[j] * batch.x[batch.xIndex(p, i) + j];
                }
            }
            double[] w = new double[d];
            for (int t = 0; t < steps; t++) { // w += eta (1/n) sum_i (y_i - <w, x~_i>) x~_i
                double[] g = new double[d];
                for (int i = 0; i < n; i++) {
                    double res = batch.y[p * n + i];
                    for (int j = 0; j < d; j++) {
                        res -= w[j] * xt[i][j];
                    }
                    for (int j = 0; j < d; j++) {
                        g[j] += res * xt[i][j] / n;
                    }
                }
                for (int j = 0; j < d; j++) {
                    w[j] += eta * g[j];
                }
            }
            double want = 0;
            for (int j = 0; j < d; j++) {
                want += w[j] * c * r[j] * batch.xq[p * d + j];
            }
            assertEquals(want, got[p], 1e-10 * Math.max(1, Math.abs(want)), "prompt " + p);
        }
    }
}
