package org.icldynamics.estimator;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.Predictor;

/**
 * The structured (pattern) softmax attention of softmax-multihead A.2.2: head {@code h} has
 * {@code KQ_h = omega_h diag(I_d, 0)} and {@code OV_h = mu_h e_D^T}, so
 * {@code yhat = sum_h mu_h sum_l y_l softmax_l(omega_h x_l^T x_q)} (omega includes the score scale; the query does
 * not attend to itself). Every output slot is predicted from its own labels with the same heads.
 */
public final class SoftmaxStructuredEstimator implements Predictor {
    private final String name;
    private final double[] omega;
    private final double[] mu;

    /**
     * @param omega per-head score weights {@code [h]}, copied
     * @param mu per-head output weights {@code [h]}, copied
     */
    public SoftmaxStructuredEstimator(String name, double[] omega, double[] mu) {
        if (omega.length != mu.length || omega.length == 0) {
            throw new IllegalArgumentException("need as many omega as mu (>= 1), got " + omega.length + " and " + mu.length);
        }
        this.name = name;
        this.omega = omega.clone();
        this.mu = mu.clone();
    }

    /** Two heads {@code (omega, mu)} and {@code (-omega, -mu)}: the zero-sum pair (F-A5 uses 0.13, 3.45). */
    public static SoftmaxStructuredEstimator symmetricPair(double omega, double mu) {
        return new SoftmaxStructuredEstimator("softmax-2head", new double[] {omega, -omega}, new double[] {mu, -mu});
    }

    /**
     * The analytic single-head estimator of softmax-multihead A.2.3 / A.4.4: {@code omega = 1/sqrt(d)},
     * {@code mu = sqrt(d) / (1 + (1 + sigma2) e d / L_train)} with {@code L_train} fixed whatever the test length.
     */
    public static SoftmaxStructuredEstimator singleHead(int d, double sigma2, int trainingL) {
        double mu = Math.sqrt(d) / (1 + (1 + sigma2) * Math.E * d / trainingL);
        return new SoftmaxStructuredEstimator("softmax-1head", new double[] {1 / Math.sqrt(d)}, new double[] {mu});
    }

    public double[] omega() {
        return omega.clone();
    }

    public double[] mu() {
        return mu.clone();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public double[] predict(PromptBatch batch) {
        int n = batch.n;
        int d = batch.d;
        int outs = batch.outputs;
        double[] out = new double[batch.b * outs];
        double[] dots = new double[n];
        double[] a = new double[n];
        for (int p = 0; p < batch.b; p++) {
            if (n == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) { // [n, d]
                double s = 0;
                int xo = batch.xIndex(p, i);
                for (int j = 0; j < d; j++) {
                    s += batch.x[xo + j] * batch.xq[p * d + j];
                }
                dots[i] = s;
            }
            for (int h = 0; h < omega.length; h++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    max = Math.max(max, omega[h] * dots[i]);
                }
                double z = 0;
                for (int i = 0; i < n; i++) { // [n]
                    a[i] = Math.exp(omega[h] * dots[i] - max);
                    z += a[i];
                }
                for (int k = 0; k < outs; k++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += a[i] * batch.y[batch.yIndex(p, i) + k];
                    }
                    out[p * outs + k] += mu[h] * s / z;
                }
            }
        }
        return out;
    }
}
