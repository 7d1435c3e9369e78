package org.icldynamics.estimator;

import org.icldynamics.data.PromptBatch;

/**
 * Least squares restricted to the true support of the prompt's task vector (the non-zero entries of
 * {@code batch.w}), the lower reference of sparse-multilayer B.4. Minimum-norm on the support when it is
 * under-determined. It reads the task vector, so it is a reference, not an estimator a model could implement.
 */
public final class OracleSupportEstimator implements WeightEstimator {
    @Override
    public String name() {
        return "oracle-support";
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        int n = batch.n;
        int d = batch.d;
        int wo = (p * batch.outputs + k) * d;
        int[] support = new int[d];
        int s = 0;
        for (int j = 0; j < d; j++) {
            if (batch.w[wo + j] != 0) {
                support[s++] = j;
            }
        }
        double[] x = WeightEstimator.inputs(batch, p);
        double[] xs = new double[n * s];
        for (int i = 0; i < n; i++) { // [n, s]
            for (int c = 0; c < s; c++) {
                xs[i * s + c] = x[i * d + support[c]];
            }
        }
        double[] w = new double[d];
        if (s == 0) {
            return w;
        }
        double[] a = LeastSquaresEstimator.solve(xs, WeightEstimator.labels(batch, p, k), n, s);
        for (int c = 0; c < s; c++) {
            w[support[c]] = a[c];
        }
        return w;
    }
}
