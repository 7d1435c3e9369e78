package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.icldynamics.data.Normals;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

class CurveSmoothingTest {
    @Test
    void localSlopeOfAStraightLineIsItsSlopeEverywhere() {
        double[] u = CurveFixtures.logspace(1, 100, 50);
        double[] v = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            v[i] = 3 - 0.7 * u[i];
        }
        double[] spread = new double[u.length];
        double[] s = CurveSmoothing.localSlope(u, v, 5, spread);
        for (int i = 0; i < u.length; i++) {
            assertEquals(-0.7, s[i], 1e-12);
        }
    }

    @Test
    void noiseLevelOfGaussianNoiseOnATrendIsItsStandardDeviation() {
        int m = 20000;
        double[] g = new double[m];
        Normals.fill(new RandomStreams(1).stream("noise"), g, 0, m);
        double[] v = new double[m];
        for (int i = 0; i < m; i++) {
            v[i] = 1e-4 * i + 0.05 * g[i] + (i > m / 2 ? -2 : 0); // trend, noise and one jump
        }
        // the MAD-based estimate has relative standard error about 1.17 / sqrt(m - 1) (efficiency 0.37)
        assertEquals(0.05, CurveSmoothing.noiseLevel(v), 4 * 0.05 * 1.17 / Math.sqrt(m - 1));
    }

    @Test
    void lastFallIgnoresAnEarlierSpikeBelowTheLevel() {
        double[] t = {0, 1, 2, 3, 4, 5};
        double[] v = {1, 0.4, 1, 1, 0.6, 0.2};
        assertEquals(4.25, CurveSmoothing.lastFallTo(TimeAxis.LINEAR, t, t, v, 0.5, 0, 5), 1e-15);
        assertEquals(1.0, CurveSmoothing.median(new double[] {3, 1, 0, 2, -1}), 0);
    }
}
