package org.icldynamics.estimator;

import org.icldynamics.data.PromptBatch;

/**
 * Debiased one-step GD (softmax-multihead A.2.3, A.4.2): {@code yhat = eta (1/n) sum_l y_l (x_l - xbar)^T x_q}
 * with {@code xbar} the context mean. Zero-sum multi-head softmax attention implements it with
 * {@code eta = sum_h mu_h omega_h}.
 */
public final class DebiasedGdEstimator implements WeightEstimator {
    private final double eta;

    public DebiasedGdEstimator(double eta) {
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("debiased GD needs a finite eta, got " + eta);
        }
        this.eta = eta;
    }

    public double eta() {
        return eta;
    }

    @Override
    public String name() {
        return "dgd(" + eta + ")";
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        int n = batch.n;
        int d = batch.d;
        double[] x = WeightEstimator.inputs(batch, p);
        PreconditionedGdEstimator.centre(x, n, d);
        double[] w = WeightEstimator.xty(x, WeightEstimator.labels(batch, p, k), n, d);
        for (int j = 0; j < d; j++) {
            w[j] = n == 0 ? 0 : eta * w[j] / n;
        }
        return w;
    }
}
