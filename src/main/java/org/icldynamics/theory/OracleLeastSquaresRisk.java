package org.icldynamics.theory;

/**
 * Excess risk of least squares on the true support (the oracle of sparse regression, sparse-multilayer B.5): with
 * {@code x ~ N(0, I)}, {@code s} support coordinates, {@code n} context examples and label noise {@code sigma2},
 * {@code E[((w_hat - w)^T x_q)^2] = sigma2 E tr((X_S^T X_S)^{-1}) = sigma2 s / (n - s - 1)} (mean of an inverse
 * Wishart matrix, finite for {@code n > s + 1}; its Monte Carlo estimate has a finite variance for {@code n > s + 3}).
 */
public final class OracleLeastSquaresRisk {
    private OracleLeastSquaresRisk() {
    }

    /** The excess risk; {@code n > s + 1}. */
    public static double excess(double sigma2, int s, int n) {
        if (n <= s + 1) {
            throw new IllegalArgumentException("the oracle's risk is finite only for n > s + 1, got n = " + n
                    + ", s = " + s);
        }
        return sigma2 * s / (n - s - 1);
    }
}
