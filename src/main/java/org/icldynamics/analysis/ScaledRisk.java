package org.icldynamics.analysis;

/**
 * The Monte Carlo risk {@code E(c yhat - y)^2} of a predictor family {@code c yhat} at a given scale {@code c} and at
 * the best one {@code c* = E[yhat y] / E[yhat^2]} (fitted on the same prompts), with the standard error of the mean
 * squared error.
 *
 * @param scale the scale the risk is evaluated at
 * @param risk mean of {@code (scale yhat - y)^2}
 * @param standardError standard deviation of the squared errors over {@code sqrt(prompts)}
 */
public record ScaledRisk(double scale, double risk, double standardError) {
    /**
     * @param yhat {@code [b]} predictions at scale 1, not modified
     * @param y {@code [b]} targets, not modified
     */
    public static ScaledRisk at(double scale, double[] yhat, double[] y) {
        if (yhat.length != y.length || y.length < 2) {
            throw new IllegalArgumentException("need at least 2 predictions and as many targets, got " + yhat.length
                    + " and " + y.length);
        }
        double sum = 0;
        double sumSq = 0;
        for (int p = 0; p < y.length; p++) { // [b]
            double e = scale * yhat[p] - y[p];
            sum += e * e;
            sumSq += e * e * e * e;
        }
        int b = y.length;
        double mean = sum / b;
        double var = (sumSq - b * mean * mean) / (b - 1);
        return new ScaledRisk(scale, mean, Math.sqrt(Math.max(var, 0) / b));
    }

    /** The risk at the least-squares scale {@code c* = sum yhat y / sum yhat^2}. */
    public static ScaledRisk best(double[] yhat, double[] y) {
        double py = 0;
        double pp = 0;
        for (int p = 0; p < y.length; p++) { // [b]
            py += yhat[p] * y[p];
            pp += yhat[p] * yhat[p];
        }
        return at(pp > 0 ? py / pp : 0, yhat, y);
    }
}
