package org.icldynamics.estimator;

import org.icldynamics.data.Covariance;
import org.icldynamics.data.PromptBatch;

/**
 * The predictor linear attention implements at its fixed point {@code M_m} (linear-attention A.4 items 3 and 10):
 * {@code yhat = beta^T sum_{k<m} (lambda_k c_k)^{-1} e_k e_k^T x_q}, with {@code beta = (1/n) sum_i y_i x_i},
 * {@code c_k = 1 + (1 + tr Lambda / lambda_k)/N} and {@code N} the training context length. With {@code m = d} this
 * is eq. 11, {@code beta^T (Lambda + (Lambda + tr(Lambda) I)/N)^{-1} x_q}; with {@code m < d} it is the
 * in-context PCR form of eq. 22.
 */
public final class LinearAttentionFixedPointEstimator implements WeightEstimator {
    private final int m;
    private final int trainingN;
    private final double[] matrix; // [d, d]
    private final int d;

    public LinearAttentionFixedPointEstimator(Covariance covariance, int trainingN, int m) {
        d = covariance.d();
        if (m < 0 || m > d || trainingN < 1) {
            throw new IllegalArgumentException("need 0 <= m <= d and N >= 1, got m = " + m + ", N = " + trainingN);
        }
        this.m = m;
        this.trainingN = trainingN;
        double[] ev = covariance.eigenvalues();
        double[] vec = covariance.eigenvectors();
        double tr = covariance.trace();
        matrix = new double[d * d];
        for (int c = 0; c < m; c++) {
            double lam = ev[c];
            if (lam <= 0) {
                continue;
            }
            double scale = 1 / (lam * (1 + (1 + tr / lam) / trainingN));
            for (int i = 0; i < d; i++) { // [d, d]
                for (int j = 0; j < d; j++) {
                    matrix[i * d + j] += scale * vec[i * d + c] * vec[j * d + c];
                }
            }
        }
    }

    /** The converged merged-attention predictor, eq. 11 ({@code m = d}). */
    public static LinearAttentionFixedPointEstimator converged(Covariance covariance, int trainingN) {
        return new LinearAttentionFixedPointEstimator(covariance, trainingN, covariance.d());
    }

    /** The matrix {@code sum_{k<m} (lambda_k c_k)^{-1} e_k e_k^T}, {@code [d, d]} (a copy). */
    public double[] matrix() {
        return matrix.clone();
    }

    @Override
    public String name() {
        return m == d ? "linattn-converged" : "linattn-plateau" + m;
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        if (batch.d != d) {
            throw new IllegalArgumentException("estimator is for d = " + d + ", batch has d = " + batch.d);
        }
        return weightsFrom(WeightEstimator.xty(WeightEstimator.inputs(batch, p), WeightEstimator.labels(batch, p, k), batch.n, d),
                batch.n);
    }

    /** Running sums {@code sum y x} over the context: every prefix costs O(d^2), row {@code n} equals {@link #predict}. */
    @Override
    public double[][] predictPrefixes(PromptBatch batch) {
        if (batch.d != d) {
            throw new IllegalArgumentException("estimator is for d = " + d + ", batch has d = " + batch.d);
        }
        int outs = batch.outputs;
        double[][] out = new double[batch.n + 1][batch.b * outs];
        double[] sxy = new double[d];
        for (int p = 0; p < batch.b; p++) { // [b, outputs, n, d]
            for (int k = 0; k < outs; k++) {
                java.util.Arrays.fill(sxy, 0);
                for (int m = 1; m <= batch.n; m++) {
                    double y = batch.y[batch.yIndex(p, m - 1) + k];
                    int xo = batch.xIndex(p, m - 1);
                    for (int j = 0; j < d; j++) {
                        sxy[j] += batch.x[xo + j] * y;
                    }
                    double[] w = weightsFrom(sxy, m);
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += w[j] * batch.xq[p * d + j];
                    }
                    out[m][p * outs + k] = s;
                }
            }
        }
        return out;
    }

    /** {@code A beta} with {@code beta = sxy / m}. */
    private double[] weightsFrom(double[] sxy, int m) {
        double[] w = new double[d];
        if (m == 0) {
            return w;
        }
        for (int i = 0; i < d; i++) { // [d, d]
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += matrix[i * d + j] * sxy[j];
            }
            w[i] = s / m;
        }
        return w;
    }
}
