package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
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

    /**
     * Asserts {@code |scale * fd_i - analytic_i| <= atol + rtol |scale * fd_i|} for every coordinate, where {@code fd}
     * is {@link #gradient} of {@code f} at {@code x} ({@code scale} 1/2 checks a half gradient).
     */
    static void assertGradient(ToDoubleFunction<double[]> f, double[] x, double[] analytic, double scale, double atol,
            double rtol) {
        double[] fd = gradient(f, x);
        for (int i = 0; i < x.length; i++) {
            double expected = scale * fd[i];
            assertTrue(Math.abs(analytic[i] - expected) <= atol + rtol * Math.abs(expected),
                    "coordinate " + i + ": finite differences " + expected + ", analytic " + analytic[i]);
        }
    }

    /** A point to check a gradient at: {@code n} draws of {@code std * N(0, 1)} from {@code rng}, in order. */
    static double[] gaussianPoint(int n, double std, SplittableRandom rng) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = std * rng.nextGaussian();
        }
        return x;
    }
}
