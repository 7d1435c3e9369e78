package org.icldynamics.estimator;

import org.icldynamics.linalg.SymmetricEigen;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.PromptBatch;

/**
 * In-context principal-component regression: least squares restricted to the span {@code V_m} of the top
 * {@code m} principal directions, {@code what = V_m (X V_m)^+ y}. The directions come from the known covariance
 * {@code Lambda} ({@link Source#KNOWN_COVARIANCE}) or from the context's own {@code X^T X}
 * ({@link Source#CONTEXT_COVARIANCE}). linear-attention A.4 item 10 is the population-moment cousin of this
 * (see {@link LinearAttentionFixedPointEstimator}).
 */
public final class PcrEstimator implements WeightEstimator {
    /** Where the principal directions come from. */
    public enum Source { KNOWN_COVARIANCE, CONTEXT_COVARIANCE }

    private final int m;
    private final Source source;
    private final double[] knownBasis; // [d, d] or null

    private PcrEstimator(int m, Source source, double[] knownBasis) {
        if (m < 0) {
            throw new IllegalArgumentException("PCR needs m >= 0, got " + m);
        }
        this.m = m;
        this.source = source;
        this.knownBasis = knownBasis;
    }

    /** Top {@code m} eigenvectors of the known {@code Lambda}. */
    public static PcrEstimator known(int m, Covariance covariance) {
        if (m > covariance.d()) {
            throw new IllegalArgumentException("PCR m = " + m + " exceeds d = " + covariance.d());
        }
        return new PcrEstimator(m, Source.KNOWN_COVARIANCE, covariance.eigenvectors());
    }

    /** Top {@code m} eigenvectors of each context's {@code X^T X}. */
    public static PcrEstimator empirical(int m) {
        return new PcrEstimator(m, Source.CONTEXT_COVARIANCE, null);
    }

    @Override
    public String name() {
        return "pcr" + m + (source == Source.KNOWN_COVARIANCE ? "-known" : "-context");
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        int n = batch.n;
        int d = batch.d;
        if (m > d) {
            throw new IllegalArgumentException("PCR m = " + m + " exceeds d = " + d);
        }
        double[] x = WeightEstimator.inputs(batch, p);
        double[] basis = source == Source.KNOWN_COVARIANCE ? knownBasis
                : SymmetricEigen.of(WeightEstimator.gram(x, n, d), d).vectors();
        double[] z = new double[n * m];
        for (int i = 0; i < n; i++) { // [n, m]
            for (int c = 0; c < m; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += x[i * d + j] * basis[j * d + c];
                }
                z[i * m + c] = s;
            }
        }
        double[] w = new double[d];
        if (m == 0) {
            return w;
        }
        double[] a = LeastSquaresEstimator.solve(z, WeightEstimator.labels(batch, p, k), n, m);
        for (int j = 0; j < d; j++) { // [d, m]
            for (int c = 0; c < m; c++) {
                w[j] += basis[j * d + c] * a[c];
            }
        }
        return w;
    }
}
