package org.icldynamics.estimator;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Eigendecomposition of a small symmetric matrix (EJML), eigenvalues in descending order.
 *
 * @param values eigenvalues, descending, {@code [d]}
 * @param vectors {@code [d, d]}, column k belongs to {@code values[k]}
 */
public record SymmetricEigen(double[] values, double[] vectors) {
    /**
     * @param a {@code [d, d]} symmetric, not modified
     */
    public static SymmetricEigen of(double[] a, int d) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(DMatrixRMaj.wrap(d, d, a.clone()))) {
            throw new IllegalStateException("symmetric eigendecomposition failed");
        }
        Integer[] order = new Integer[d];
        double[] raw = new double[d];
        for (int k = 0; k < d; k++) {
            order[k] = k;
            raw[k] = eig.getEigenvalue(k).real;
        }
        Arrays.sort(order, (i, j) -> Double.compare(raw[j], raw[i]));
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
}
