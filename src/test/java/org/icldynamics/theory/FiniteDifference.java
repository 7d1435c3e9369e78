package org.icldynamics.theory;

import java.util.function.ToDoubleFunction;

/** Central finite differences of a scalar function of a parameter vector, for the gradient checks of closed forms. */
final class FiniteDifference {
    /** The step: small enough for the truncation error, large enough for rounding, in double precision. */
    static final double H = 1e-6;

    private FiniteDifference() {
    }

    /** {@code (f(x + H e_i) - f(x - H e_i)) / (2 H)} for every coordinate i; {@code x} is not modified. */
    static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double[] p = x.clone();
            double[] m = x.clone();
            p[i] += H;
            m[i] -= H;
            out[i] = (f.applyAsDouble(p) - f.applyAsDouble(m)) / (2 * H);
        }
        return out;
    }
}
