package org.icldynamics.theory;

/**
 * Exact population loss of one-layer linear attention through its x-block circuit {@code G} ({@code [d, d]}, rows
 * the key (context) side, columns the query side): {@code yhat = kappa beta^T G x_q} with
 * {@code beta = (1/N) sum_n y_n x_n}, {@code x ~ N(0, Lambda)}, tasks {@code w ~ N(0, tau2 I)}, context labels with
 * noise variance {@code sigma2}, query label with noise variance {@code querySigma2}. {@code kappa = N} is the
 * authors' code units (no 1/N, {@code b = N beta}); {@code kappa = 1} the paper's.
 * <pre>
 * L(G)      = tau2 tr Lambda + querySigma2 - 2 kappa tau2 &lt;G, Lambda^2&gt; + kappa^2 tr(G^T M G Lambda)
 * grad L(G) = -2 kappa tau2 Lambda^2 + 2 kappa^2 M G Lambda,        M = E[beta beta^T] = tau2 E[Lambdahat^2] + sigma2 Lambda / N
 * </pre>
 * (linear-attention A.4 items 1, 2 and 7; MSE without 1/2).
 */
public final class LinearAttentionPopulation {
    private final int d;
    private final double kappa;
    private final double tau2;
    private final double offset;   // tau2 tr Lambda + querySigma2
    private final double[] lambda; // [d, d]
    private final double[] target; // tau2 Lambda^2, [d, d]
    private final double[] m;      // E[beta beta^T], [d, d]

    /**
     * @param lambda {@code [d, d]} symmetric positive definite, copied
     */
    public LinearAttentionPopulation(double[] lambda, int d, int n, double tau2, double sigma2, double querySigma2,
                                     double kappa) {
        if (d < 1 || lambda.length != d * d || n < 1 || !(tau2 > 0) || !(sigma2 >= 0) || !(querySigma2 >= 0)
                || !(kappa > 0)) {
            throw new IllegalArgumentException("need Lambda [d, d], N >= 1, tau2 > 0, noise >= 0, kappa > 0");
        }
        this.d = d;
        this.kappa = kappa;
        this.tau2 = tau2;
        this.lambda = lambda.clone();
        double tr = 0;
        for (int i = 0; i < d; i++) {
            tr += lambda[i * d + i];
        }
        this.offset = tau2 * tr + querySigma2;
        double[] l2 = LinearAttentionTheory.multiply(lambda, lambda, d);
        double[] f = LinearAttentionTheory.fourthMoment(lambda, d, n);
        this.target = new double[d * d];
        this.m = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            target[i] = tau2 * l2[i];
            m[i] = tau2 * f[i] + sigma2 * lambda[i] / n;
        }
    }

    /** Noiseless white tasks in the authors' code units ({@code kappa = N}, {@code tau2 = 1}). */
    public static LinearAttentionPopulation codeUnits(double[] lambda, int d, int n) {
        return new LinearAttentionPopulation(lambda, d, n, 1, 0, 0, n);
    }

    public int d() {
        return d;
    }

    /** {@code kappa}: 1 in paper units, N in code units. */
    public double kappa() {
        return kappa;
    }

    /** {@code tau2}. */
    public double tau2() {
        return tau2;
    }

    /** {@code Lambda}, {@code [d, d]} (a copy). */
    public double[] lambda() {
        return lambda.clone();
    }

    /** {@code M = E[beta beta^T]}, {@code [d, d]} (a copy). */
    public double[] secondMoment() {
        return m.clone();
    }

    /** @param g {@code [d, d]}, not modified */
    public double loss(double[] g) {
        double cross = 0;
        for (int i = 0; i < d * d; i++) {
            cross += g[i] * target[i];
        }
        double[] mgl = LinearAttentionTheory.multiply(LinearAttentionTheory.multiply(m, g, d), lambda, d);
        double quad = 0;
        for (int i = 0; i < d * d; i++) {
            quad += g[i] * mgl[i];
        }
        return offset - 2 * kappa * cross + kappa * kappa * quad;
    }

    /** The minimiser {@code G* = (tau2/kappa) M^{-1} Lambda} (the gradient vanishes there), {@code [d, d]}. */
    public double[] minimiser() {
        org.ejml.data.DMatrixRMaj mm = new org.ejml.data.DMatrixRMaj(d, d, true, m);
        org.ejml.data.DMatrixRMaj rhs = new org.ejml.data.DMatrixRMaj(d, d, true, lambda);
        org.ejml.data.DMatrixRMaj g = new org.ejml.data.DMatrixRMaj(d, d);
        if (!org.ejml.dense.row.CommonOps_DDRM.solve(mm, rhs, g)) {
            throw new IllegalStateException("E[beta beta^T] is singular");
        }
        org.ejml.dense.row.CommonOps_DDRM.scale(tau2 / kappa, g);
        return g.getData().clone();
    }

    /** The lowest population loss, {@code L(G*)}. */
    public double minimumLoss() {
        return loss(minimiser());
    }

    /**
     * @param g {@code [d, d]}, not modified
     * @return {@code dL/dG}, {@code [d, d]}
     */
    public double[] gradient(double[] g) {
        double[] mgl = LinearAttentionTheory.multiply(LinearAttentionTheory.multiply(m, g, d), lambda, d);
        double[] out = new double[d * d];
        for (int i = 0; i < d * d; i++) {
            out[i] = -2 * kappa * target[i] + 2 * kappa * kappa * mgl[i];
        }
        return out;
    }
}
