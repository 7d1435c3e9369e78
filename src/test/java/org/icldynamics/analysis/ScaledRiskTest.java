package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ScaledRiskTest {
    @Test
    void exactMultipleIsRecoveredWithZeroRisk() {
        double[] y = {1, -2, 3, 0.5};
        double[] yhat = {2, -4, 6, 1};
        ScaledRisk r = ScaledRisk.best(yhat, y);
        assertEquals(0.5, r.scale(), 1e-15);
        assertEquals(0, r.risk(), 1e-15);
    }

    @Test
    void bestScaleMinimisesTheRiskAndTheErrorIsTheStandardErrorOfTheMean() {
        SplittableRandom g = new SplittableRandom(5);
        int b = 1000;
        double[] y = new double[b];
        double[] yhat = new double[b];
        for (int p = 0; p < b; p++) {
            yhat[p] = g.nextGaussian();
            y[p] = 0.8 * yhat[p] + 0.3 * g.nextGaussian();
        }
        ScaledRisk best = ScaledRisk.best(yhat, y);
        assertTrue(best.risk() <= ScaledRisk.at(best.scale() + 1e-3, yhat, y).risk());
        assertTrue(best.risk() <= ScaledRisk.at(best.scale() - 1e-3, yhat, y).risk());
        double[] sq = new double[b];
        double mean = 0;
        for (int p = 0; p < b; p++) {
            double e = best.scale() * yhat[p] - y[p];
            sq[p] = e * e;
            mean += sq[p] / b;
        }
        double var = 0;
        for (double s : sq) {
            var += (s - mean) * (s - mean) / (b - 1);
        }
        assertEquals(mean, best.risk(), 1e-12);
        assertEquals(Math.sqrt(var / b), best.standardError(), 1e-12);
    }
}
