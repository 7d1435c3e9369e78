package org.icldynamics.estimator;

import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;

/**
 * Posterior mean of {@code w} for the Gaussian prior {@code w ~ N(0, tau2 I)} and context noise {@code N(0, sigma2)}:
 * ridge with {@code lambda = sigma2 / tau2} (softmax-multihead A.2.3: {@code d sigma2} for {@code tau2 = 1/d}).
 * With {@code sigma2 = 0} it is the minimum-norm interpolant (the posterior mean's limit).
 */
public final class BayesEstimator implements WeightEstimator {
    private final double tau2;
    private final double sigma2;
    private final RidgeEstimator ridge;

    public BayesEstimator(double tau2, double sigma2) {
        if (!(tau2 > 0) || !(sigma2 >= 0)) {
            throw new IllegalArgumentException("Bayes estimator needs tau2 > 0 and sigma2 >= 0, got " + tau2 + ", " + sigma2);
        }
        this.tau2 = tau2;
        this.sigma2 = sigma2;
        this.ridge = new RidgeEstimator(sigma2 / tau2);
    }

    /** The posterior mean for the task's own prior and noise. */
    public static BayesEstimator of(LinearRegressionTask task) {
        return new BayesEstimator(task.tau2(), task.sigma2());
    }

    /** The matching ridge penalty {@code sigma2 / tau2}. */
    public double lambda() {
        return sigma2 / tau2;
    }

    @Override
    public String name() {
        return "bayes";
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        return ridge.weights(batch, p, k);
    }
}
