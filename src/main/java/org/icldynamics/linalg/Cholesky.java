package org.icldynamics.linalg;

/** Cholesky factor of a small symmetric positive (semi-)definite matrix, row-major. */
public final class Cholesky {
    private Cholesky() {
    }

    /**
     * Lower-triangular {@code L} with {@code A = L L^T}. Zero pivots (semi-definite {@code A}) give zero columns.
     *
     * @param a {@code [m, m]} symmetric, not modified
     * @return {@code L}, {@code [m, m]}
     * @throws IllegalArgumentException if {@code a} is not positive semi-definite
     */
    public static double[] lower(double[] a, int m) {
        double[] l = new double[m * m];
        double scale = 0;
        for (int i = 0; i < m; i++) {
            scale = Math.max(scale, Math.abs(a[i * m + i]));
        }
        double tol = 1e-13 * Math.max(scale, 1e-300);
        for (int j = 0; j < m; j++) {
            double s = a[j * m + j];
            for (int k = 0; k < j; k++) {
                s -= l[j * m + k] * l[j * m + k];
            }
            if (s < -tol) {
                throw new IllegalArgumentException("matrix is not positive semi-definite (pivot " + s + " at " + j + ")");
            }
            double ljj = s > tol ? Math.sqrt(s) : 0;
            l[j * m + j] = ljj;
            for (int i = j + 1; i < m; i++) {
                double t = a[i * m + j];
                for (int k = 0; k < j; k++) {
                    t -= l[i * m + k] * l[j * m + k];
                }
                l[i * m + j] = ljj == 0 ? 0 : t / ljj;
            }
        }
        return l;
    }
}
