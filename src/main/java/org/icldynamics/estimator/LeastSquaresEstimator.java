package org.icldynamics.estimator;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.icldynamics.data.PromptBatch;

/**
 * Ordinary least squares in context, minimum-norm when {@code X^T X} is singular (n < d): {@code what = X^+ y}
 * with the Moore-Penrose pseudo-inverse (EJML SVD).
 */
public final class LeastSquaresEstimator implements WeightEstimator {
    @Override
    public String name() {
        return "ols";
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        return solve(WeightEstimator.inputs(batch, p), WeightEstimator.labels(batch, p, k), batch.n, batch.d);
    }

    /**
     * Minimum-norm least squares {@code X^+ y}.
     *
     * @param x {@code [n, d]}, not modified
     * @param y {@code [n]}, not modified
     * @return {@code [d]}
     */
    static double[] solve(double[] x, double[] y, int n, int d) {
        if (n == 0) {
            return new double[d];
        }
        DMatrixRMaj a = DMatrixRMaj.wrap(n, d, x.clone());
        DMatrixRMaj pinv = new DMatrixRMaj(d, n);
        CommonOps_DDRM.pinv(a, pinv);
        DMatrixRMaj w = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(pinv, DMatrixRMaj.wrap(n, 1, y), w);
        return w.data;
    }
}
