package org.icldynamics.data;

import java.util.Arrays;

/**
 * How the input covariance {@code Lambda} is built. Each variant validates itself and builds a {@link Covariance};
 * the only randomness (a random eigenbasis) comes from stream {@code "covariance"}.
 */
public sealed interface CovarianceSpec {
    /** Input dimension {@code d}. */
    int d();

    /** Builds the covariance. */
    Covariance build(RandomStreams streams);

    /** {@code Lambda = scale * I_d}, then normalised. */
    record Isotropic(int d, double scale, TraceNormalization normalization) implements CovarianceSpec {
        public Isotropic {
            if (d < 1 || !(scale > 0) || !Double.isFinite(scale) || normalization == null) {
                throw new IllegalArgumentException("isotropic covariance needs d >= 1 and a finite scale > 0, got d="
                        + d + " scale=" + scale);
            }
        }

        @Override
        public Covariance build(RandomStreams streams) {
            return normalization.apply(Covariance.isotropic(d, scale));
        }
    }

    /**
     * {@code Lambda = E diag(eigenvalues) E^T} with {@code E} the identity or a seeded random orthogonal matrix.
     * The linear-attention paper: eigenvalues {@code 1..d}, random basis, unit trace.
     */
    record Spectrum(double[] eigenvalues, Eigenbasis basis, TraceNormalization normalization)
            implements CovarianceSpec {
        public Spectrum {
            if (eigenvalues == null || eigenvalues.length == 0 || basis == null || normalization == null) {
                throw new IllegalArgumentException("a spectrum needs at least one eigenvalue, a basis and a normalization");
            }
            eigenvalues = eigenvalues.clone();
            double sum = 0;
            for (double e : eigenvalues) {
                if (!(e >= 0) || !Double.isFinite(e)) {
                    throw new IllegalArgumentException("eigenvalues must be finite and >= 0, got "
                            + Arrays.toString(eigenvalues));
                }
                sum += e;
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("eigenvalues must not all be 0");
            }
        }

        /** Eigenvalues proportional to {@code 1, 2, ..., d} (the linear-attention paper's default). */
        public static Spectrum linear(int d, Eigenbasis basis, TraceNormalization normalization) {
            if (d < 1) {
                throw new IllegalArgumentException("d must be >= 1, got " + d);
            }
            double[] ev = new double[d];
            for (int i = 0; i < d; i++) {
                ev[i] = i + 1;
            }
            return new Spectrum(ev, basis, normalization);
        }

        @Override
        public int d() {
            return eigenvalues.length;
        }

        @Override
        public double[] eigenvalues() {
            return eigenvalues.clone();
        }

        @Override
        public Covariance build(RandomStreams streams) {
            int d = eigenvalues.length;
            double[] e = basis == Eigenbasis.IDENTITY ? Covariance.identity(d)
                    : Covariance.randomOrthogonal(d, streams.stream("covariance"));
            return normalization.apply(Covariance.fromEigen(eigenvalues, e));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Spectrum s && Arrays.equals(eigenvalues, s.eigenvalues) && basis == s.basis
                    && normalization == s.normalization;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(eigenvalues) + basis.hashCode()) + normalization.hashCode();
        }

        @Override
        public String toString() {
            return "Spectrum[eigenvalues=" + Arrays.toString(eigenvalues) + ", basis=" + basis
                    + ", normalization=" + normalization + "]";
        }
    }

    /** Toeplitz {@code Lambda_ij = rho^|i-j|} (the softmax paper's non-isotropic helper, default rho = 0.5). */
    record Toeplitz(int d, double rho, TraceNormalization normalization) implements CovarianceSpec {
        public Toeplitz {
            if (d < 1 || !(Math.abs(rho) < 1) || normalization == null) {
                throw new IllegalArgumentException("Toeplitz covariance needs d >= 1 and |rho| < 1, got d=" + d
                        + " rho=" + rho);
            }
        }

        /** The matrix {@code [d, d]} before normalisation. */
        public double[] matrix() {
            double[] m = new double[d * d];
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    m[i * d + j] = Math.pow(rho, Math.abs(i - j));
                }
            }
            return m;
        }

        @Override
        public Covariance build(RandomStreams streams) {
            return normalization.apply(Covariance.fromMatrix(matrix(), d));
        }
    }
}
