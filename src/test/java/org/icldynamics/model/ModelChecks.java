package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            double keep = p[i];
            p[i] = keep + EPS;
            double plus = model.loss(batch);
            p[i] = keep - EPS;
            double minus = model.loss(batch);
            p[i] = keep;
            double fd = (plus - minus) / (2 * EPS);
            assertTrue(Math.abs(grad[i] - fd) <= ATOL + RTOL * Math.abs(fd),
                    what + ": " + model.blockOf(i) + " entry " + (i - model.blockOf(i).offset()) + " analytic "
                            + grad[i] + " vs central difference " + fd);
        }
    }
}
