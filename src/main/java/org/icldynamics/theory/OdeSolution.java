package org.icldynamics.theory;

import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;

/**
 * States of an ODE recorded at requested times.
 *
 * @param times the requested times, ascending {@code [T]}
 * @param states {@code states[i]} is the state at {@code times[i]}
 */
public record OdeSolution(double[] times, double[][] states) {
    /**
     * Integrates {@code dy/dt = f(t, y)} with Hipparchus' adaptive Dormand-Prince 8(5,3) integrator, stopping at each
     * requested time (the first may equal {@code t0}).
     *
     * @param y0 initial state, not modified
     * @param times ascending, {@code >= t0}, not modified
     * @param maxStep largest step the integrator may take (a cap keeps it from overshooting into overflow on long,
     *     slow stretches of a flow)
     */
    public static OdeSolution adaptive(OrdinaryDifferentialEquation ode, double t0, double[] y0, double[] times,
                                       double relTol, double absTol, double maxStep) {
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(1e-12, maxStep, absTol, relTol);
        double[][] states = new double[times.length][];
        ODEState state = new ODEState(t0, y0.clone());
        for (int i = 0; i < times.length; i++) {
            if (times[i] < state.getTime()) {
                throw new IllegalArgumentException("output times must be ascending and >= t0");
            }
            if (times[i] > state.getTime()) {
                ODEStateAndDerivative end = integrator.integrate(ode, state, times[i]);
                state = new ODEState(end.getTime(), end.getPrimaryState());
            }
            states[i] = state.getPrimaryState().clone();
        }
        return new OdeSolution(times.clone(), states);
    }

    /** {@link #adaptive(OrdinaryDifferentialEquation, double, double[], double[], double, double, double)} without a step cap. */
    public static OdeSolution adaptive(OrdinaryDifferentialEquation ode, double t0, double[] y0, double[] times,
                                       double relTol, double absTol) {
        return adaptive(ode, t0, y0, times, relTol, absTol, Double.POSITIVE_INFINITY);
    }

    /**
     * Explicit Euler with a fixed step (the softmax-multihead authors' integrator); requested times are rounded to
     * steps.
     *
     * @throws IllegalStateException when the state stops being finite (the step is beyond the flow's stability
     *     limit), naming the time
     */
    public static OdeSolution euler(OrdinaryDifferentialEquation ode, double t0, double[] y0, double[] times, double step) {
        double[][] states = new double[times.length][];
        double[] y = y0.clone();
        long done = 0;
        for (int i = 0; i < times.length; i++) {
            long target = Math.round((times[i] - t0) / step);
            if (target < done) {
                throw new IllegalArgumentException("output times must be ascending and >= t0");
            }
            for (; done < target; done++) {
                double[] dy = ode.computeDerivatives(t0 + done * step, y);
                for (int j = 0; j < y.length; j++) {
                    y[j] += step * dy[j];
                }
                if (!allFinite(y)) {
                    throw new IllegalStateException("Euler with step " + step + " diverged at t = " + (t0 + (done + 1)
                            * step) + ": the state is no longer finite (step beyond the flow's stability limit; "
                            + "use a smaller step)");
                }
            }
            states[i] = y.clone();
        }
        return new OdeSolution(times.clone(), states);
    }

    /** @param y not modified */
    private static boolean allFinite(double[] y) {
        for (double v : y) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
