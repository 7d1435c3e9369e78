package org.icldynamics.theory;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * Gradient flow {@code d theta/dt = -grad(Ltilde/2)} on the approximate softmax loss (softmax-multihead A.4.5,
 * A.4.7; multitask-dynamics B.4), by explicit Euler with the authors' step 0.01 or by an adaptive integrator.
 */
public final class ApproximateGradientFlow implements OrdinaryDifferentialEquation {
    /** The authors' Euler step. */
    public static final double AUTHORS_STEP = 0.01;

    /**
     * Step cap of the adaptive integrator: with a cap of 10 or none, one long output interval (four heads, 0 to
     * {@code 10^4}) let a trial step overshoot until {@code exp(d omega omega')} overflowed near {@code t = 2916}.
     */
    public static final double MAX_ADAPTIVE_STEP = 1;

    private final ApproximateSoftmaxLoss loss;

    public ApproximateGradientFlow(ApproximateSoftmaxLoss loss) {
        this.loss = loss;
    }

    public ApproximateSoftmaxLoss loss() {
        return loss;
    }

    @Override
    public int getDimension() {
        return loss.dimension();
    }

    @Override
    public double[] computeDerivatives(double t, double[] theta) {
        double[] g = loss.halfGradient(theta);
        for (int i = 0; i < g.length; i++) {
            g[i] = -g[i];
        }
        return g;
    }

    /** Euler with step {@code step} from {@code theta0}, states recorded at {@code times}. */
    public OdeSolution euler(double[] theta0, double[] times, double step) {
        return OdeSolution.euler(this, 0, theta0, times, step);
    }

    /** Adaptive Dormand-Prince from {@code theta0}, states recorded at {@code times}; steps are capped at {@link #MAX_ADAPTIVE_STEP}. */
    public OdeSolution adaptive(double[] theta0, double[] times, double relTol) {
        return OdeSolution.adaptive(this, 0, theta0, times, relTol, 1e-13, MAX_ADAPTIVE_STEP);
    }

    /** {@code Ltilde / 2} at every recorded state. */
    public double[] halfLosses(OdeSolution solution) {
        double[] out = new double[solution.times().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = loss.value(solution.states()[i]) / 2;
        }
        return out;
    }
}
