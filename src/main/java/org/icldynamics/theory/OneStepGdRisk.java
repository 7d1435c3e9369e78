package org.icldynamics.theory;

/**
 * Exact finite-sample risks of one-step GD and debiased GD predictors (softmax-multihead A.4.2) for
 * {@code x ~ N(0, I_d)}, {@code beta ~ N(0, I/d)}, context and query noise {@code sigma2}, {@code L} context tokens.
 * Risks are {@code E(yhat - y_q)^2} and include the query noise.
 */
public final class OneStepGdRisk {
    private OneStepGdRisk() {
    }

    /** {@code R_GD(eta) = 1 + sigma2 - 2 eta + eta^2 (1 + (d+1)/L + sigma2 d / L)}. */
    public static double gd(double eta, int d, int l, double sigma2) {
        return 1 + sigma2 - 2 * eta + eta * eta * (1 + (d + 1.0) / l + sigma2 * d / l);
    }

    /** {@code R_DGD(eta) = 1 + sigma2 - 2 eta (L-1)/L + eta^2 (L-1)(L + d + sigma2 d)/L^2}. */
    public static double debiased(double eta, int d, int l, double sigma2) {
        return 1 + sigma2 - 2 * eta * (l - 1.0) / l + eta * eta * (l - 1.0) * (l + d + sigma2 * d) / ((double) l * l);
    }

    /** {@code eta*_GD = 1 / (1 + (d+1)/L + sigma2 d / L)}. */
    public static double optimalGdStep(int d, int l, double sigma2) {
        return 1 / (1 + (d + 1.0) / l + sigma2 * d / l);
    }

    /** {@code R*_GD = 1 + sigma2 - eta*_GD}. */
    public static double optimalGdRisk(int d, int l, double sigma2) {
        return 1 + sigma2 - optimalGdStep(d, l, sigma2);
    }

    /** {@code eta*_DGD = L / (L + d (1 + sigma2))}. */
    public static double optimalDebiasedStep(int d, int l, double sigma2) {
        return l / (l + d * (1 + sigma2));
    }

    /** {@code R*_DGD = 1 + sigma2 - (L-1) / (L + d (1 + sigma2))}. */
    public static double optimalDebiasedRisk(int d, int l, double sigma2) {
        return 1 + sigma2 - (l - 1.0) / (l + d * (1 + sigma2));
    }
}
