package org.icldynamics.theory;

/**
 * The analytic gradient-flow time course of merged-key-query linear attention from an aligned infinitesimal
 * initialisation with white covariance (linear-attention A.4 item 6, paper eq. 10), and its escape time (item 5).
 */
public final class MergedAttentionTimeCourse {
    private MergedAttentionTimeCourse() {
    }

    /**
     * Paper units, {@code Lambda = I}: {@code yhat(t) = sigma(t) beta^T x_q} with
     * {@code sigma(t) = e^{2 sqrt(D) t/tau} / (c (e^{2 sqrt(D) t/tau} - 1) + sqrt(D)/w_init^2)}, {@code c = 1 + (1+D)/N}.
     */
    public static double sigma(double tOverTau, int d, int n, double wInit) {
        double c = 1 + (1.0 + d) / n;
        double inv = Math.exp(-2 * Math.sqrt(d) * tOverTau); // 1/e form, stable for large t
        return 1 / (c * (1 - inv) + inv * Math.sqrt(d) / (wInit * wInit));
    }

    /** Population loss along the path, paper units, {@code Lambda = I}: {@code D - 2 sigma D + sigma^2 D c}. */
    public static double lossAlongPath(double sigma, int d, int n) {
        double c = 1 + (1.0 + d) / n;
        return d - 2 * sigma * d + sigma * sigma * d * c;
    }

    /**
     * Code units ({@code Lambda = lambda I}, GD step {@code eta}, no 1/N): {@code yhat = sigma_c(k) b^T x_q},
     * {@code sigma_c = u(k)/sqrt(D)}, {@code u(k) = e^{4 eta s k} / ((alpha/s)(e^{4 eta s k} - 1) + 1/u_0)},
     * {@code s = N lambda^2 sqrt(D)}, {@code alpha = N^2 lambda^3 (1 + (1+D)/N)} (A.4 item 6).
     */
    public static double sigmaCodeUnits(double step, double eta, int d, int n, double lambda, double u0) {
        double s = n * lambda * lambda * Math.sqrt(d);
        double alpha = (double) n * n * lambda * lambda * lambda * (1 + (1.0 + d) / n);
        double inv = Math.exp(-4 * eta * s * step); // 1/e form, stable for large steps
        return 1 / ((alpha / s) * (1 - inv) + inv / u0) / Math.sqrt(d);
    }

    /** Loss in code units along the path: {@code D lambda - 2 sigma_c N D lambda^2 + sigma_c^2 N^2 D lambda^3 c}. */
    public static double lossCodeUnits(double sigmaC, int d, int n, double lambda) {
        double c = 1 + (1.0 + d) / n;
        return d * lambda - 2 * sigmaC * n * d * lambda * lambda + sigmaC * sigmaC * n * n * d * lambda * lambda * lambda * c;
    }

    /**
     * Half-way drop step of merged attention in code units (A.4 item 5): {@code ln(s/(alpha u_0)) / (4 eta s)}, with
     * {@code s} the norm of {@code E[y_q z]}, {@code alpha} the curvature of {@code E[z z^T]} along it and {@code u_0}
     * the initial projection on it.
     */
    public static double escapeStep(double s, double alpha, double u0, double eta) {
        return Math.log(s / (alpha * u0)) / (4 * eta * s);
    }

    /** The half-way step of the analytic course: where {@code u(k)} reaches half its final value {@code s/alpha}. */
    public static double halfwayStepCodeUnits(double eta, int d, int n, double lambda, double u0) {
        double s = n * lambda * lambda * Math.sqrt(d);
        double alpha = (double) n * n * lambda * lambda * lambda * (1 + (1.0 + d) / n);
        // u = s/(2 alpha)  <=>  e (1 - 1/2) ... solve e / ((alpha/s)(e-1) + 1/u0) = s/(2 alpha)
        double e = (s / (2 * alpha)) * (1 / u0 - alpha / s) / (1 - 0.5);
        return Math.log(e) / (4 * eta * s);
    }

    /**
     * {@link #escapeStep} with {@code s} and {@code alpha} computed from {@code Lambda} (A.4 item 5, code units):
     * {@code s = N ||Lambda^2||_F}, {@code alpha = N^2 tr(U^T F U Lambda)} with {@code U = Lambda^2/||Lambda^2||_F} and
     * {@code F = E[Lambdahat^2]} (the curvature of {@code E[z z^T] = N^2 (Lambda kron F)} along {@code vec(U)}).
     *
     * @param lambda {@code [d, d]} symmetric, not modified
     */
    public static double escapeStep(double[] lambda, int d, int n, double u0, double eta) {
        double[] l2 = LinearAttentionTheory.multiply(lambda, lambda, d);
        double norm = 0;
        for (double v : l2) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        double[] u = new double[d * d];
        for (int i = 0; i < u.length; i++) {
            u[i] = l2[i] / norm;
        }
        double[] f = LinearAttentionTheory.fourthMoment(lambda, d, n);
        double[] fu = LinearAttentionTheory.multiply(LinearAttentionTheory.multiply(f, u, d), lambda, d);
        double curvature = 0;
        for (int i = 0; i < u.length; i++) {
            curvature += u[i] * fu[i];
        }
        return escapeStep(n * norm, (double) n * n * curvature, u0, eta);
    }
}
