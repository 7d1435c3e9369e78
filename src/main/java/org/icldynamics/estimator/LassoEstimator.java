package org.icldynamics.estimator;

import org.icldynamics.data.PromptBatch;

/**
 * Lasso in context by cyclic coordinate descent (sparse-multilayer B.4):
 * {@code min_w (1/2n) ||X w - y||^2 + alpha ||w||_1}, from {@code w = 0}, until the largest coordinate change is below
 * {@code tolerance} or {@code maxSweeps} sweeps are done.
 */
public final class LassoEstimator implements WeightEstimator {
    private final double alpha;
    private final double tolerance;
    private final int maxSweeps;

    public LassoEstimator(double alpha, double tolerance, int maxSweeps) {
        if (!(alpha >= 0) || !(tolerance > 0) || maxSweeps < 1) {
            throw new IllegalArgumentException("Lasso needs alpha >= 0, tolerance > 0, maxSweeps >= 1");
        }
        this.alpha = alpha;
        this.tolerance = tolerance;
        this.maxSweeps = maxSweeps;
    }

    public LassoEstimator(double alpha) {
        this(alpha, 1e-10, 10_000);
    }

    @Override
    public String name() {
        return "lasso(" + alpha + ")";
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        int n = batch.n;
        int d = batch.d;
        double[] w = new double[d];
        if (n == 0) {
            return w;
        }
        double[] x = WeightEstimator.inputs(batch, p);
        double[] g = WeightEstimator.gram(x, n, d);
        double[] c = WeightEstimator.xty(x, WeightEstimator.labels(batch, p, k), n, d);
        for (int i = 0; i < g.length; i++) {
            g[i] /= n;
        }
        for (int j = 0; j < d; j++) {
            c[j] /= n;
        }
        for (int sweep = 0; sweep < maxSweeps; sweep++) {
            double change = 0;
            for (int j = 0; j < d; j++) { // [d, d]
                double gjj = g[j * d + j];
                double rho = c[j];
                for (int i = 0; i < d; i++) {
                    if (i != j) {
                        rho -= g[j * d + i] * w[i];
                    }
                }
                double next = gjj <= 0 ? 0 : Math.signum(rho) * Math.max(Math.abs(rho) - alpha, 0) / gjj;
                change = Math.max(change, Math.abs(next - w[j]));
                w[j] = next;
            }
            if (change < tolerance) {
                break;
            }
        }
        return w;
    }
}
