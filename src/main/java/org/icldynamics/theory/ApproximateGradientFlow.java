package org.icldynamics.theory;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * Gradient flow {@code d theta/dt = -grad(Ltilde/2)} on the approximate softmax loss (softmax-multihead A.4.5,
 * A.4.7; multitask-dynamics B.4), by explicit Euler with the authors' step 0.01 or by an adaptive integrator.
 *
 * <p>Task weights (multitask-dynamics B.4 weights task {@code n} by its signal variance {@code |S_n|}) multiply the
 * gradient, so the weighted flow is the unweighted one run {@code w} times faster: with equal weights {@code w},
 * {@code theta_w(t) = theta_1(w t)}. The authors' step 0.01 was tuned for unit weights; at {@code w = 50/3} it is
 * 16.7 unit-time steps, beyond explicit Euler's stability limit {@code 2 / lambda_max(Hessian)} once the heads
 * emerge: the loss then <em>rises</em> (t = 5 to 7.5 with the code's theory init, L = 100) and the iterates
 * overflow {@code exp(sum_m d_m omega omega')} into NaN near t = 10. {@link #stableEulerStep} and the adaptive step
 * cap therefore divide by the largest weight (unchanged for unit weights).
 */
public final class ApproximateGradientFlow implements OrdinaryDifferentialEquation {
    /** The authors' Euler step. */
    public static final double AUTHORS_STEP = 0.01;

    /**
     * Step cap of the adaptive integrator: with a cap of 10 or none, one long output interval (four heads, 0 to
     * {@code 10^4}) let a trial step overshoot until {@code exp(d omega omega')} overflowed near {@code t = 2916}.
     */
    public static final double MAX_ADAPTIVE_STEP = 1;

    /** Stand-in for every derivative component where the exponential overflows (see {@link #computeDerivatives}). */
    public static final double OVERFLOW_DERIVATIVE = 1e100;

    private final ApproximateSoftmaxLoss loss;
    /** Whether an overflowing derivative becomes {@link #OVERFLOW_DERIVATIVE} (adaptive) or stays non-finite (Euler). */
    private final boolean overflowStandIn;

    public ApproximateGradientFlow(ApproximateSoftmaxLoss loss) {
        this(loss, true);
    }

    private ApproximateGradientFlow(ApproximateSoftmaxLoss loss, boolean overflowStandIn) {
        this.loss = loss;
        this.overflowStandIn = overflowStandIn;
    }

    public ApproximateSoftmaxLoss loss() {
        return loss;
    }

    @Override
    public int getDimension() {
        return loss.dimension();
    }

    /**
     * {@code -grad(Ltilde/2)}. Where {@code exp(sum_m d_m omega omega')} overflows (only at trial stages far off the
     * trajectory: the flow never raises the loss) every component is {@link #OVERFLOW_DERIVATIVE}: a huge but finite
     * derivative makes the adaptive integrator's error estimate huge so it rejects and shrinks the step, where a NaN
     * would abort the integration.
     */
    @Override
    public double[] computeDerivatives(double t, double[] theta) {
        double[] g = loss.halfGradient(theta);
        for (int i = 0; i < g.length; i++) {
            g[i] = -g[i];
            if (overflowStandIn && !Double.isFinite(g[i])) {
                java.util.Arrays.fill(g, OVERFLOW_DERIVATIVE);
                return g;
            }
        }
        return g;
    }

    /**
     * The authors' step in the flow's own time scale: {@code 0.01 / max(1, largest task weight)} (one unit-weight
     * step of 0.01 per step, whatever the weights).
     */
    public double stableEulerStep() {
        return AUTHORS_STEP / Math.max(1, loss.maxTaskWeight());
    }

    /** Euler with step {@code step} from {@code theta0}, states recorded at {@code times}. */
    public OdeSolution euler(double[] theta0, double[] times, double step) {
        // Euler evaluates only on its own trajectory: it sees the raw gradient, so an unstable step ends in a
        // non-finite state and a clear error instead of the adaptive integrator's overflow stand-in
        return OdeSolution.euler(new ApproximateGradientFlow(loss, false), 0, theta0, times, step);
    }

    /**
     * Adaptive Dormand-Prince from {@code theta0}, states recorded at {@code times}; steps are capped at
     * {@link #MAX_ADAPTIVE_STEP} divided by {@code max(1, largest task weight)} (with the cap 1 at weight 50/3 a
     * trial stage overflowed near t = 10).
     */
    public OdeSolution adaptive(double[] theta0, double[] times, double relTol) {
        return OdeSolution.adaptive(this, 0, theta0, times, relTol, 1e-13,
                MAX_ADAPTIVE_STEP / Math.max(1, loss.maxTaskWeight()));
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
