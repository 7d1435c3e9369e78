package org.icldynamics.theory;

/**
 * Closed forms for one-layer multi-head linear attention on white tasks {@code w ~ N(0, I)}, noiseless labels,
 * {@code x ~ N(0, Lambda)} and {@code N} context tokens, from linear-attention A.4 (paper units: {@code beta = (1/N)
 * sum_n y_n x_n}, loss {@code E(y_q - yhat)^2} without 1/2). Eigenvalues are passed as arrays, matrices row-major.
 */
public final class LinearAttentionTheory {
    private LinearAttentionTheory() {
    }

    /** {@code c_lambda = 1 + (1 + tr Lambda / lambda)/N} (A.4 notation). */
    public static double c(double lambda, double traceLambda, int n) {
        return 1 + (1 + traceLambda / lambda) / n;
    }

    /**
     * Fourth moment of the in-context covariance (A.4 item 1, paper eq. 15):
     * {@code E[Lambdahat^2] = Lambda^2 + (Lambda^2 + tr(Lambda) Lambda)/N}; also {@code E[beta beta^T]}.
     *
     * @param lambda {@code [d, d]} symmetric, not modified
     * @return {@code [d, d]}
     */
    public static double[] fourthMoment(double[] lambda, int d, int n) {
        double tr = 0;
        for (int i = 0; i < d; i++) {
            tr += lambda[i * d + i];
        }
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) { // [d, d, d]
            for (int j = 0; j < d; j++) {
                double sq = 0;
                for (int k = 0; k < d; k++) {
                    sq += lambda[i * d + k] * lambda[k * d + j];
                }
                out[i * d + j] = sq + (sq + tr * lambda[i * d + j]) / n;
            }
        }
        return out;
    }

    /**
     * Population loss of the linear predictor {@code yhat = beta^T G x_q} (A.4 items 2, 7):
     * {@code L(G) = tr Lambda - 2 tr(G^T Lambda^2) + tr(G^T E[Lambdahat^2] G Lambda)}.
     *
     * @param g {@code [d, d]}, not modified
     * @param lambda {@code [d, d]}, not modified
     */
    public static double loss(double[] g, double[] lambda, int d, int n) {
        double[] f = fourthMoment(lambda, d, n);
        double[] l2 = multiply(lambda, lambda, d);
        double tr = 0;
        double cross = 0;
        for (int i = 0; i < d; i++) {
            tr += lambda[i * d + i];
            for (int j = 0; j < d; j++) {
                cross += g[i * d + j] * l2[i * d + j];
            }
        }
        double[] fgl = multiply(multiply(f, g, d), lambda, d);
        double quad = 0;
        for (int i = 0; i < d * d; i++) {
            quad += g[i] * fgl[i];
        }
        return tr - 2 * cross + quad;
    }

    /**
     * Loss at the fixed point of subset {@code S} of eigen-directions (A.4 items 4 and 8, paper eq. 19):
     * {@code L = tr Lambda - sum_{k in S} lambda_k / c_{lambda_k}}.
     *
     * @param eigenvalues all eigenvalues of {@code Lambda}, not modified
     * @param subset {@code subset[k]} says whether direction {@code k} is learned
     */
    public static double fixedPointLoss(double[] eigenvalues, int n, boolean[] subset) {
        double tr = sum(eigenvalues);
        double loss = tr;
        for (int k = 0; k < eigenvalues.length; k++) {
            if (subset[k] && eigenvalues[k] > 0) {
                loss -= eigenvalues[k] / c(eigenvalues[k], tr, n);
            }
        }
        return loss;
    }

    /**
     * The plateau losses {@code L(M_0), ..., L(M_d)} visited from small initialisation, learning directions in
     * descending-eigenvalue order (A.4 item 8). {@code L(M_d)} is the minimum loss {@code L*} (item 4).
     *
     * @param eigenvalues any order, not modified
     * @return {@code [d + 1]}
     */
    public static double[] plateauLosses(double[] eigenvalues, int n) {
        double[] ev = sortedDescending(eigenvalues);
        double[] out = new double[ev.length + 1];
        boolean[] subset = new boolean[ev.length];
        out[0] = fixedPointLoss(ev, n, subset);
        for (int m = 1; m <= ev.length; m++) {
            subset[m - 1] = true;
            out[m] = fixedPointLoss(ev, n, subset);
        }
        return out;
    }

    /**
     * Converged merged-attention predictor matrix (A.4 item 3, eq. 11): {@code yhat = beta^T M x_q},
     * {@code M = (Lambda + (Lambda + tr(Lambda) I)/N)^{-1}}, restricted to the top {@code m} eigen-directions
     * ({@code M_m}, item 10).
     *
     * @param eigenvalues descending, not modified
     * @param eigenvectors {@code [d, d]}, column k belongs to eigenvalue k, not modified
     * @return {@code [d, d]}
     */
    public static double[] fixedPointMatrix(double[] eigenvalues, double[] eigenvectors, int n, int m) {
        int d = eigenvalues.length;
        double tr = sum(eigenvalues);
        double[] out = new double[d * d];
        for (int k = 0; k < m; k++) {
            double s = 1 / (eigenvalues[k] * c(eigenvalues[k], tr, n));
            for (int i = 0; i < d; i++) { // [d, d]
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += s * eigenvectors[i * d + k] * eigenvectors[j * d + k];
                }
            }
        }
        return out;
    }

    /** Fixed-point value weight in the code's units (no 1/N), {@code v* = (N lambda c_lambda)^{-1/3}} (A.4 item 9). */
    public static double valueFixedPointCodeUnits(double lambda, double traceLambda, int n) {
        return Math.cbrt(1 / (n * lambda * c(lambda, traceLambda, n)));
    }

    /** Fixed-point value weight in paper units, {@code v* = (lambda c_lambda)^{-1/3}} (A.4 item 9). */
    public static double valueFixedPoint(double lambda, double traceLambda, int n) {
        return Math.cbrt(1 / (lambda * c(lambda, traceLambda, n)));
    }

    /**
     * One rank-one factor {@code (k, q)} of a head against the matrix {@code g} [d, d] (not modified): writes
     * {@code scaledV g q} into {@code out[k..k+d)} and {@code scaledV g^T k} into {@code out[q..q+d)}, and returns
     * {@code acc + k^T g q} (added term by term, so a head's ranks accumulate in one sum).
     */
    static double rankOneGradient(double[] g, int d, double[] state, int k, int q, double scaledV, double acc,
            double[] out) {
        for (int i = 0; i < d; i++) {
            double gq = 0;
            double gtk = 0;
            for (int j = 0; j < d; j++) {
                gq += g[i * d + j] * state[q + j];
                gtk += g[j * d + i] * state[k + j];
            }
            acc += state[k + i] * gq;
            out[k + i] = scaledV * gq;
            out[q + i] = scaledV * gtk;
        }
        return acc;
    }

    static double[] multiply(double[] a, double[] b, int d) {
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) { // [d, d, d]
            for (int k = 0; k < d; k++) {
                double aik = a[i * d + k];
                for (int j = 0; j < d; j++) {
                    out[i * d + j] += aik * b[k * d + j];
                }
            }
        }
        return out;
    }

    static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    static double[] sortedDescending(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        for (int i = 0; i < s.length / 2; i++) {
            double t = s[i];
            s[i] = s[s.length - 1 - i];
            s[s.length - 1 - i] = t;
        }
        return s;
    }
}
