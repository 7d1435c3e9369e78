package org.icldynamics.estimator;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.icldynamics.data.PromptBatch;

/**
 * Ridge regression in context: {@code what = (X^T X + lambda_eff I)^{-1} X^T y}, with {@code lambda_eff = lambda}
 * ({@link Penalty#ABSOLUTE}, softmax-multihead A.2.3 writes {@code d sigma2}) or {@code n lambda}
 * ({@link Penalty#PER_TOKEN}, the {@code (1/2n)||Xw - y||^2 + (lambda/2)||w||^2} form of sparse-multilayer B.4).
 */
public final class RidgeEstimator implements WeightEstimator {
    /** How the penalty scales with the context length. */
    public enum Penalty { ABSOLUTE, PER_TOKEN }

    private final double lambda;
    private final Penalty penalty;

    public RidgeEstimator(double lambda, Penalty penalty) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("ridge lambda must be finite and >= 0, got " + lambda);
        }
        this.lambda = lambda;
        this.penalty = penalty;
    }

    public RidgeEstimator(double lambda) {
        this(lambda, Penalty.ABSOLUTE);
    }

    public double lambda() {
        return lambda;
    }

    @Override
    public String name() {
        return "ridge(" + lambda + (penalty == Penalty.PER_TOKEN ? "/token" : "") + ")";
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        int n = batch.n;
        int d = batch.d;
        double[] x = WeightEstimator.inputs(batch, p);
        double[] y = WeightEstimator.labels(batch, p, k);
        double eff = penalty == Penalty.ABSOLUTE ? lambda : lambda * n;
        if (eff == 0) {
            return LeastSquaresEstimator.solve(x, y, n, d);
        }
        double[] g = WeightEstimator.gram(x, n, d);
        for (int j = 0; j < d; j++) {
            g[j * d + j] += eff;
        }
        DMatrixRMaj w = new DMatrixRMaj(d, 1);
        if (!CommonOps_DDRM.solveSPD(DMatrixRMaj.wrap(d, d, g), DMatrixRMaj.wrap(d, 1, WeightEstimator.xty(x, y, n, d)), w)) {
            throw new IllegalStateException("ridge system is not positive definite (lambda " + eff + ")");
        }
        return w.data;
    }
}
