package org.icldynamics.theory;

import org.hipparchus.ode.OrdinaryDifferentialEquation;

/**
 * The scalar ODE of one separate rank-one head learning eigen-direction {@code lambda} during a plateau
 * (linear-attention A.4 item 9, paper eqs. 20-21): paper units {@code tau dv/dt = lambda^2 v^2 - lambda^3 c v^5};
 * code units (GD step {@code eta}, no 1/N) {@code dv/dstep = 2 eta (N lambda^2 v^2 - N^2 lambda^3 c v^5)}.
 */
public final class RankOneScalarOde {
    /** Which units the time axis and weights are in. */
    public enum Units { PAPER, CODE }

    private final double lambda;
    private final double c;
    private final int n;
    private final Units units;
    private final double eta;

    /**
     * @param eta GD step (code units only; ignored for paper units, where time is {@code t/tau})
     */
    public RankOneScalarOde(double lambda, double traceLambda, int n, Units units, double eta) {
        if (!(lambda > 0) || n < 1) {
            throw new IllegalArgumentException("need lambda > 0 and N >= 1");
        }
        this.lambda = lambda;
        this.c = LinearAttentionTheory.c(lambda, traceLambda, n);
        this.n = n;
        this.units = units;
        this.eta = eta;
    }

    /** {@code dv/dt}. */
    public double rate(double v) {
        double v2 = v * v;
        double v5 = v2 * v2 * v;
        return units == Units.PAPER ? lambda * lambda * v2 - lambda * lambda * lambda * c * v5
                : 2 * eta * (n * lambda * lambda * v2 - (double) n * n * lambda * lambda * lambda * c * v5);
    }

    /** The non-zero fixed point: {@code (lambda c)^{-1/3}} (paper) or {@code (N lambda c)^{-1/3}} (code). */
    public double fixedPoint() {
        return units == Units.PAPER ? Math.cbrt(1 / (lambda * c)) : Math.cbrt(1 / (n * lambda * c));
    }

    /** Small-v escape time {@code 1/(a v_0)} from {@code dv/dt ~ a v^2} ({@code a = lambda^2} or {@code 2 eta N lambda^2}). */
    public double escapeTime(double v0) {
        double a = units == Units.PAPER ? lambda * lambda : 2 * eta * n * lambda * lambda;
        return 1 / (a * v0);
    }

    /** {@code v} at the given times from {@code v(0) = v0}, adaptive Dormand-Prince. */
    public double[] solve(double v0, double[] times) {
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            @Override
            public int getDimension() {
                return 1;
            }

            @Override
            public double[] computeDerivatives(double t, double[] y) {
                return new double[] {rate(y[0])};
            }
        };
        OdeSolution s = OdeSolution.adaptive(ode, 0, new double[] {v0}, times, 1e-10, 1e-14);
        double[] v = new double[times.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = s.states()[i][0];
        }
        return v;
    }
}
