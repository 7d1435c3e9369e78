package org.icldynamics.linalg;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigendecomposition of a small symmetric matrix (EJML), with eigenvalues in descending order, and the matrix
 * functions built from it.
 *
 * @param values eigenvalues, descending
 * @param vectors {@code [d, d]}, column k is the unit eigenvector of {@code values[k]}
 */
public record SymmetricEigen(double[] values, double[] vectors) {

    /**
     * @param a {@code [d, d]} symmetric, not modified
     */
    public static SymmetricEigen of(double[] a, int d) {
        if (a.length != d * d) {
            throw new IllegalArgumentException("matrix has length " + a.length + ", expected " + d * d);
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(new DMatrixRMaj(d, d, true, a))) {
            throw new IllegalArgumentException("eigendecomposition failed");
        }
        Integer[] order = new Integer[d];
        double[] raw = new double[d];
        for (int k = 0; k < d; k++) {
            raw[k] = eig.getEigenvalue(k).getReal();
            order[k] = k;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(raw[y], raw[x]));
        double[] values = new double[d];
        double[] vectors = new double[d * d];
        for (int k = 0; k < d; k++) {
            values[k] = raw[order[k]];
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            for (int i = 0; i < d; i++) {
                vectors[i * d + k] = v.get(i, 0);
            }
        }
        return new SymmetricEigen(values, vectors);
    }

    /** {@code A^{-1/2} = E diag(values^{-1/2}) E^T}, {@code [d, d]}; needs every eigenvalue > 0. */
    public double[] inverseSqrt() {
        int d = values.length;
        double[] f = new double[d];
        for (int k = 0; k < d; k++) {
            if (!(values[k] > 0)) {
                throw new IllegalArgumentException("matrix is not positive definite (eigenvalue " + values[k] + ")");
            }
            f[k] = 1 / Math.sqrt(values[k]);
        }
        return apply(f);
    }

    /** {@code E diag(f) E^T}, {@code [d, d]}. */
    public double[] apply(double[] f) {
        int d = values.length;
        double[] m = new double[d * d];
        for (int i = 0; i < d; i++) { // [d, d]
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += vectors[i * d + k] * f[k] * vectors[j * d + k];
                }
                m[i * d + j] = s;
            }
        }
        return m;
    }
}
