package org.icldynamics.analysis;

/**
 * A fitted preconditioner.
 *
 * @param d input dimension
 * @param centring plain or debiased {@code beta}
 * @param gamma {@code [d, d]} row-major
 * @param relativeError {@code ||yhat_model - beta^T Gamma x_q|| / ||yhat_model||}
 * @param prompts number of prompts fitted on
 */
public record PreconditionerFitResult(int d, PreconditionerFit.Centring centring, double[] gamma,
                                      double relativeError, int prompts) {
    public PreconditionerFitResult {
        if (gamma.length != d * d) {
            throw new IllegalArgumentException("gamma must be [d, d] with d = " + d);
        }
        gamma = gamma.clone();
    }

    @Override
    public double[] gamma() {
        return gamma.clone();
    }

    /** Entry {@code Gamma[i, j]}. */
    public double gamma(int i, int j) {
        return gamma[i * d + j];
    }
}
