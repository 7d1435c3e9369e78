package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleSupplier;
import org.icldynamics.data.PromptBatch;

/** Shared numeric checks for model tests. */
final class ModelChecks {
    static final double ATOL = 1e-8;
    static final double RTOL = 1e-6;
    private static final double EPS = 1e-5;

    private ModelChecks() {
    }

    /**
     * Central differences in double precision on every entry with {@code mask = 1}, two-sided tolerance
     * {@code |a - b| <= ATOL + RTOL |b|}; entries with {@code mask = 0} must have gradient exactly 0.
     */
    static void assertGradientMatchesDifferences(Model model, PromptBatch batch, double[] mask, String what) {
        double[] p = model.parameters();
        double[] grad = new double[p.length];
        model.lossAndGradient(batch, grad);
        for (int i = 0; i < p.length; i++) {
            if (mask[i] == 0.0) {
                assertEquals(0.0, grad[i], what + ": fixed entry " + model.blockOf(i) + " got a gradient");
                continue;
            }
            double fd = centralDifference(p, i, EPS, () -> model.loss(batch));
            assertTrue(Math.abs(grad[i] - fd) <= ATOL + RTOL * Math.abs(fd),
                    what + ": " + model.blockOf(i) + " entry " + (i - model.blockOf(i).offset()) + " analytic "
                            + grad[i] + " vs central difference " + fd);
        }
    }

    /**
     * {@code (f(p + h e_i) - f(p - h e_i)) / (2 h)}, where {@code f} reads {@code p}; {@code p[i]} is restored after.
     */
    static double centralDifference(double[] p, int i, double h, DoubleSupplier f) {
        double keep = p[i];
        p[i] = keep + h;
        double plus = f.getAsDouble();
        p[i] = keep - h;
        double minus = f.getAsDouble();
        p[i] = keep;
        return (plus - minus) / (2 * h);
    }
}
