package org.icldynamics.estimator;

import org.icldynamics.data.PromptBatch;

/**
 * {@code steps} steps of gradient descent from {@code w_0 = 0} on the in-context loss
 * {@code (1/2n) ||X w - y||^2} with step {@code eta}: {@code w_{t+1} = w_t - (eta/n) X^T (X w_t - y)}.
 * One step gives {@code (eta/n) X^T y}, the one-step GD predictor of softmax-multihead A.2.3.
 */
public final class GradientDescentEstimator implements WeightEstimator {
    private final int steps;
    private final double eta;

    public GradientDescentEstimator(int steps, double eta) {
        if (steps < 0 || !Double.isFinite(eta)) {
            throw new IllegalArgumentException("GD needs steps >= 0 and a finite eta, got " + steps + ", " + eta);
        }
        this.steps = steps;
        this.eta = eta;
    }

    @Override
    public String name() {
        return "gd" + steps + "(" + eta + ")";
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        return PreconditionedGdEstimator.descend(WeightEstimator.inputs(batch, p), WeightEstimator.labels(batch, p, k),
                batch.n, batch.d, null, steps, eta);
    }
}
