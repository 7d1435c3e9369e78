package org.icldynamics.data;

import java.util.SplittableRandom;
import org.icldynamics.linalg.Cholesky;

/**
 * Covariance {@code Lambda} of the inputs {@code x ~ N(0, Lambda)}, with its eigenvalues and a factor {@code F}
 * ({@code Lambda = F F^T}) for sampling. Immutable.
 */
public final class Covariance {
    private final int d;
    private final double[] matrix;      // [d, d]
    private final double[] factor;      // [d, d] lower triangular
    private final double[] eigenvalues; // descending
    private final double[] eigenvectors; // [d, d], column k is the eigenvector of eigenvalues[k]
    private final double[] diagonalFactor; // [d] the factor's diagonal when the factor is diagonal, else null

    private Covariance(int d, double[] matrix, double[] eigenvalues, double[] eigenvectors) {
        this.d = d;
        this.matrix = matrix;
        this.factor = Cholesky.lower(matrix, d);
        this.eigenvalues = eigenvalues;
        this.eigenvectors = eigenvectors;
        this.diagonalFactor = diagonalOf(factor, d);
    }

    /** The diagonal of {@code f} {@code [d, d]} if every off-diagonal entry is 0, else null. */
    private static double[] diagonalOf(double[] f, int d) {
        double[] diag = new double[d];
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                if (k != i && f[i * d + k] != 0.0) {
                    return null;
                }
            }
            diag[i] = f[i * d + i];
        }
        return diag;
    }

    /** {@code Lambda = scale * I}. */
    public static Covariance isotropic(int d, double scale) {
        double[] ev = new double[d];
        java.util.Arrays.fill(ev, scale);
        return fromEigen(ev, identity(d));
    }

    /**
     * {@code Lambda = E diag(eigenvalues) E^T}.
     *
     * @param eigenvalues non-negative, sorted into descending order here (with their eigenvectors)
     * @param basis {@code [d, d]} orthogonal, column k is the eigenvector of {@code eigenvalues[k]}; not modified
     */
    public static Covariance fromEigen(double[] eigenvalues, double[] basis) {
        int d = eigenvalues.length;
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            if (!(eigenvalues[i] >= 0)) {
                throw new IllegalArgumentException("eigenvalues must be >= 0, got " + eigenvalues[i]);
            }
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eigenvalues[b], eigenvalues[a]));
        double[] ev = new double[d];
        double[] vec = new double[d * d];
        for (int k = 0; k < d; k++) {
            ev[k] = eigenvalues[order[k]];
            for (int i = 0; i < d; i++) {
                vec[i * d + k] = basis[i * d + order[k]];
            }
        }
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += vec[i * d + k] * ev[k] * vec[j * d + k];
                }
                m[i * d + j] = s;
            }
        }
        return new Covariance(d, m, ev, vec);
    }

    /**
     * A covariance given by its matrix.
     *
     * @param matrix {@code [d, d]} symmetric positive semi-definite, not modified
     */
    public static Covariance fromMatrix(double[] matrix, int d) {
        org.icldynamics.linalg.SymmetricEigen e = org.icldynamics.linalg.SymmetricEigen.of(matrix, d);
        double[] ev = e.values();
        for (int k = 0; k < d; k++) {
            if (ev[k] < 0 && ev[k] > -1e-12 * Math.abs(ev[0])) {
                ev[k] = 0; // rounding of a singular matrix
            }
        }
        return fromEigen(ev, e.vectors());
    }

    /** A Haar-random orthogonal {@code [d, d]} matrix (QR of a Gaussian matrix with sign fix). */
    public static double[] randomOrthogonal(int d, SplittableRandom rng) {
        double[] a = new double[d * d];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
        // modified Gram-Schmidt on the columns
        for (int k = 0; k < d; k++) {
            for (int j = 0; j < k; j++) {
                double dot = 0;
                for (int i = 0; i < d; i++) {
                    dot += a[i * d + j] * a[i * d + k];
                }
                for (int i = 0; i < d; i++) {
                    a[i * d + k] -= dot * a[i * d + j];
                }
            }
            double norm = 0;
            for (int i = 0; i < d; i++) {
                norm += a[i * d + k] * a[i * d + k];
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                a[i * d + k] /= norm;
            }
        }
        return a;
    }

    static double[] identity(int d) {
        double[] e = new double[d * d];
        for (int i = 0; i < d; i++) {
            e[i * d + i] = 1;
        }
        return e;
    }

    /** This covariance divided by its trace. */
    public Covariance withUnitTrace() {
        double tr = trace();
        double[] ev = eigenvalues.clone();
        for (int k = 0; k < d; k++) {
            ev[k] /= tr;
        }
        return fromEigen(ev, eigenvectors);
    }

    public int d() {
        return d;
    }

    public double trace() {
        double t = 0;
        for (double e : eigenvalues) {
            t += e;
        }
        return t;
    }

    /** {@code Lambda}, {@code [d, d]} (a copy). */
    public double[] matrix() {
        return matrix.clone();
    }

    /** Eigenvalues in descending order (a copy). */
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    /** Eigenvectors, {@code [d, d]}, column k belongs to {@code eigenvalues()[k]} (a copy). */
    public double[] eigenvectors() {
        return eigenvectors.clone();
    }

    /**
     * Writes {@code x = F g} for standard normal {@code g} drawn from {@code rng}.
     *
     * @param out overwritten at {@code [offset, offset + d)}
     * @param scratch length at least {@code d}, overwritten
     */
    public void sample(SplittableRandom rng, double[] out, int offset, double[] scratch) {
        for (int i = 0; i < d; i++) {
            scratch[i] = rng.nextGaussian();
        }
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += factor[i * d + k] * scratch[k];
            }
            out[offset + i] = s;
        }
    }

    /**
     * The diagonal of the factor {@code F} when {@code F} is diagonal (then {@link #transform} is
     * {@code x_i = F_ii g_i}), else null. Package-private so samplers can fuse the transform into their loops.
     *
     * @return {@code [d]}, not to be modified, or null
     */
    double[] diagonalFactor() {
        return diagonalFactor;
    }

    /**
     * Writes {@code x = F g} for given standard normals {@code g} (the transform {@link #sample} applies).
     *
     * @param g read at {@code [gOffset, gOffset + d)}, not modified
     * @param out overwritten at {@code [offset, offset + d)}
     */
    public void transform(double[] g, int gOffset, double[] out, int offset) {
        if (diagonalFactor != null) { // same values as the loop below: the skipped terms are exact zeros
            for (int i = 0; i < d; i++) {
                out[offset + i] = diagonalFactor[i] * g[gOffset + i];
            }
            return;
        }
        for (int i = 0; i < d; i++) { // [d] = [d, d] lower x [d]
            double s = 0;
            for (int k = 0; k <= i; k++) {
                s += factor[i * d + k] * g[gOffset + k];
            }
            out[offset + i] = s;
        }
    }
}
