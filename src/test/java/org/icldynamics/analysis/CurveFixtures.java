package org.icldynamics.analysis;

import org.icldynamics.data.Normals;
import org.icldynamics.data.RandomStreams;

/** Built loss curves with known plateaus and drops: sums of sigmoids with seeded multiplicative noise. */
final class CurveFixtures {
    private CurveFixtures() {
    }

    /** {@code m} points evenly spaced on {@code [a, b]}. */
    static double[] linspace(double a, double b, int m) {
        double[] t = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = a + (b - a) * i / (m - 1);
        }
        return t;
    }

    /** {@code m} points log-spaced on {@code [a, b]}. */
    static double[] logspace(double a, double b, int m) {
        double[] t = linspace(Math.log(a), Math.log(b), m);
        for (int i = 0; i < m; i++) {
            t[i] = Math.exp(t[i]);
        }
        return t;
    }

    /**
     * A staircase {@code levels[0] -> levels[k]} with the drop from {@code levels[j]} to {@code levels[j+1]} a
     * logistic in {@code x} centred at {@code centres[j]} with scale {@code width}, so the half-way crossing of drop
     * j is exactly at {@code centres[j]} (for well-separated drops).
     *
     * @param x abscissa {@code [m]} (t or ln t), not modified
     */
    static double[] staircase(double[] x, double[] levels, double[] centres, double width) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double v = levels[levels.length - 1];
            for (int j = 0; j < centres.length; j++) {
                v += (levels[j] - levels[j + 1]) / (1 + Math.exp((x[i] - centres[j]) / width));
            }
            out[i] = v;
        }
        return out;
    }

    /** Multiplies every value by {@code 1 + relStd * g} with seeded standard normals g; returns {@code v}. */
    static double[] withNoise(double[] v, double relStd, long seed) {
        double[] g = new double[v.length];
        Normals.fill(new RandomStreams(seed).stream("curve-noise"), g, 0, v.length);
        for (int i = 0; i < v.length; i++) {
            v[i] *= 1 + relStd * g[i];
        }
        return v;
    }

    static double[] log(double[] t) {
        double[] u = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            u[i] = Math.log(t[i]);
        }
        return u;
    }
}
