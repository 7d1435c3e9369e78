package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

class OracleLeastSquaresRiskTest {
    @Test
    void monteCarloExcessRiskOfLeastSquaresOnTwoCoordinatesMatchesTheInverseWishartMean() {
        int s = 2;
        int n = 10;
        double sigma2 = 0.5;
        SplittableRandom rng = new RandomStreams(7).stream("oracle-ls-risk");
        int trials = 100_000;
        double sum = 0;
        double sumSq = 0;
        for (int t = 0; t < trials; t++) {
            double a = 0; // X^T X = [[a, b], [b, c]], X^T eps = (u, v)
            double b = 0;
            double c = 0;
            double u = 0;
            double v = 0;
            for (int i = 0; i < n; i++) {
                double x1 = rng.nextGaussian();
                double x2 = rng.nextGaussian();
                double e = Math.sqrt(sigma2) * rng.nextGaussian();
                a += x1 * x1;
                b += x1 * x2;
                c += x2 * x2;
                u += x1 * e;
                v += x2 * e;
            }
            double det = a * c - b * b;
            double d1 = (c * u - b * v) / det; // w_hat - w
            double d2 = (a * v - b * u) / det;
            double err = d1 * rng.nextGaussian() + d2 * rng.nextGaussian(); // (w_hat - w)^T x_q
            sum += err * err;
            sumSq += err * err * err * err;
        }
        double mean = sum / trials;
        double se = Math.sqrt((sumSq / trials - mean * mean) / trials);
        double theory = OracleLeastSquaresRisk.excess(sigma2, s, n);
        assertEquals(0.5 * 2 / 7, theory, 1e-15);
        assertTrue(Math.abs(mean - theory) <= 4 * se, "Monte Carlo " + mean + " +- " + se + " vs " + theory);
    }

    @Test
    void undefinedWithoutTwoMoreExamplesThanCoordinates() {
        assertThrows(IllegalArgumentException.class, () -> OracleLeastSquaresRisk.excess(0.1, 3, 4));
    }
}
