package org.icldynamics.estimator;

import org.icldynamics.data.PromptBatch;

/**
 * Preconditioned gradient descent from zero: {@code w_{t+1} = w_t - eta Gamma (1/n) X^T (X w_t - y)}, optionally on
 * centred covariates {@code x_l - xbar} (softmax-multihead A.4.6: one step with centring and
 * {@code Gamma*} is what multi-head softmax attention learns for skewed covariates).
 */
public final class PreconditionedGdEstimator implements WeightEstimator {
    /** Whether the context covariates are centred by their context mean before descending. */
    public enum Centring { NONE, CONTEXT_MEAN }

    private final double[] gamma;
    private final int steps;
    private final double eta;
    private final Centring centring;

    /**
     * @param gamma preconditioner {@code [d, d]}, copied
     */
    public PreconditionedGdEstimator(double[] gamma, int steps, double eta, Centring centring) {
        int d = (int) Math.round(Math.sqrt(gamma.length));
        if (d * d != gamma.length || steps < 0 || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("preconditioned GD needs a square Gamma, steps >= 0 and a finite eta");
        }
        this.gamma = gamma.clone();
        this.steps = steps;
        this.eta = eta;
        this.centring = centring;
    }

    @Override
    public String name() {
        return "pgd" + steps + (centring == Centring.CONTEXT_MEAN ? "-centred" : "") + "(" + eta + ")";
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        int d = batch.d;
        if (gamma.length != d * d) {
            throw new IllegalArgumentException("Gamma is for d = " + Math.round(Math.sqrt(gamma.length)) + ", batch has d = " + d);
        }
        double[] x = WeightEstimator.inputs(batch, p);
        if (centring == Centring.CONTEXT_MEAN) {
            centre(x, batch.n, d);
        }
        return descend(x, WeightEstimator.labels(batch, p, k), batch.n, d, gamma, steps, eta);
    }

    /**
     * Subtracts the column means.
     *
     * @param x {@code [n, d]}, overwritten with {@code x_l - xbar}
     */
    static void centre(double[] x, int n, int d) {
        for (int j = 0; j < d; j++) {
            double m = 0;
            for (int i = 0; i < n; i++) { // [n]
                m += x[i * d + j];
            }
            m /= Math.max(n, 1);
            for (int i = 0; i < n; i++) {
                x[i * d + j] -= m;
            }
        }
    }

    /**
     * GD from zero, preconditioned by {@code gamma} ({@code null} means the identity).
     *
     * @param x {@code [n, d]}, not modified
     * @param y {@code [n]}, not modified
     * @param gamma {@code [d, d]} or {@code null}, not modified
     * @return {@code w_steps}, {@code [d]}
     */
    static double[] descend(double[] x, double[] y, int n, int d, double[] gamma, int steps, double eta) {
        double[] w = new double[d];
        if (n == 0) {
            return w;
        }
        double[] grad = new double[d];
        for (int t = 0; t < steps; t++) {
            java.util.Arrays.fill(grad, 0);
            for (int i = 0; i < n; i++) { // [n, d]
                double r = -y[i];
                for (int j = 0; j < d; j++) {
                    r += x[i * d + j] * w[j];
                }
                for (int j = 0; j < d; j++) {
                    grad[j] += x[i * d + j] * r;
                }
            }
            for (int a = 0; a < d; a++) { // [d, d]
                double s;
                if (gamma == null) {
                    s = grad[a];
                } else {
                    s = 0;
                    for (int c = 0; c < d; c++) {
                        s += gamma[a * d + c] * grad[c];
                    }
                }
                w[a] -= eta * s / n;
            }
        }
        return w;
    }
}
