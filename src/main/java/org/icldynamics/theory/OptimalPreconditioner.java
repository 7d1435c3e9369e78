package org.icldynamics.theory;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The preconditioner minimising the debiased one-step risk for skewed covariates {@code x ~ N(0, Sigma)}
 * (softmax-multihead A.4.6): {@code Gamma* = L (L Sigma + (tr Sigma + d sigma2) I)^{-1}}.
 */
public final class OptimalPreconditioner {
    private OptimalPreconditioner() {
    }

    /**
     * @param sigma {@code [d, d]} symmetric positive definite, not modified
     * @return {@code Gamma*}, {@code [d, d]}
     */
    public static double[] of(double[] sigma, int d, int l, double sigma2) {
        double tr = 0;
        for (int i = 0; i < d; i++) {
            tr += sigma[i * d + i];
        }
        double[] a = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            a[i] = l * sigma[i];
        }
        for (int i = 0; i < d; i++) {
            a[i * d + i] += tr + d * sigma2;
        }
        DMatrixRMaj inv = new DMatrixRMaj(d, d);
        if (!CommonOps_DDRM.invert(DMatrixRMaj.wrap(d, d, a), inv)) {
            throw new IllegalArgumentException("L Sigma + (tr Sigma + d sigma2) I is singular");
        }
        CommonOps_DDRM.scale(l, inv);
        return inv.data;
    }

    /** {@code Sigma_ij = rho^{|i-j|}}, {@code [d, d]} (the repo's helper, softmax-multihead A.1.1). */
    public static double[] toeplitz(int d, double rho) {
        double[] s = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                s[i * d + j] = Math.pow(rho, Math.abs(i - j));
            }
        }
        return s;
    }
}
