package org.icldynamics.theory;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * Gradient flow of the approximate multi-task loss (multitask-dynamics B.4) as the real model feels it: heads with
 * separate, balanced factors (B.2's theory init: {@code K = Q}, {@code V = O} on the label slots), so
 * {@code omega_n^h = temperature * k q} on every coordinate of block {@code S_n} and {@code mu_n^h = v o}, trained on
 * the MSE averaged over the N outputs, {@code (1/N) sum_n w_n Ltilde_n = (2/N) (Ltilde / 2)}. Gradient flow on the
 * factors, written in (omega, mu) [DER]:
 * <pre>
 *   d omega_n^h / dt = -(2 temperature |omega_n^h| / |S_n|) (2/N) dG/d omega_n^h,
 *   d mu_n^h / dt    = -2 |mu_n^h| (2/N) dG/d mu_n^h,                 G = Ltilde / 2,
 * </pre>
 * (a block's |S_n| diagonal entries share the block's gradient; balance {@code |k| = |q|}, {@code |v| = |o|} is
 * conserved). The flow is the direct flow of {@link ApproximateGradientFlow} preconditioned by the parameters' own
 * size: it keeps every sign, so an off-task {@code mu} can shrink towards 0 but never turn negative, and its warm-up
 * from a small init lasts about {@code 1 / init scale}. Flat parameters as in {@link ApproximateSoftmaxLoss}.
 */
public final class FactoredApproximateFlow implements OrdinaryDifferentialEquation {
    private final ApproximateSoftmaxLoss loss;
    private final double temperature;

    /**
     * @param temperature the softmax score scale (1/sqrt(D) in B.2), {@code > 0}
     */
    public FactoredApproximateFlow(ApproximateSoftmaxLoss loss, double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        this.loss = loss;
        this.temperature = temperature;
    }

    @Override
    public double[] computeDerivatives(double t, double[] theta) {
        double[] g = loss.halfGradient(theta);
        int nt = loss.tasks();
        int heads = loss.heads();
        double outputs = 2.0 / nt;
        for (int n = 0; n < nt; n++) { // [N, H]
            for (int h = 0; h < heads; h++) {
                int w = n * heads + h;
                int m = nt * heads + w;
                g[w] = -2 * temperature * Math.abs(theta[w]) / loss.taskSize(n) * outputs * g[w];
                g[m] = -2 * Math.abs(theta[m]) * outputs * g[m];
            }
        }
        return g;
    }

    @Override
    public int getDimension() {
        return loss.dimension();
    }

    /**
     * Euler from {@code theta0}, states at {@code times}, with step {@code 0.01 / max(1, largest weight)} (as
     * {@link ApproximateGradientFlow#stableEulerStep}; the size preconditioner only slows the flow where parameters
     * are small).
     */
    public OdeSolution euler(double[] theta0, double[] times) {
        return OdeSolution.euler(this, 0, theta0, times, ApproximateGradientFlow.AUTHORS_STEP
                / Math.max(1, loss.maxTaskWeight()));
    }
}
