package org.icldynamics.experiment.study;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The mean of replicate values and its 95% interval, {@code mean +- t(0.975, k-1) s / sqrt(k)} (Student t, k
 * replicates, s the sample standard deviation); with one replicate the interval is the value itself.
 */
record SeedInterval(double mean, double lo, double hi, int count) {
    static SeedInterval of(double[] v) {
        int k = v.length;
        if (k == 0) {
            return new SeedInterval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= k;
        if (k == 1) {
            return new SeedInterval(mean, mean, mean, 1);
        }
        double ss = 0;
        for (double x : v) {
            ss += (x - mean) * (x - mean);
        }
        double half = new TDistribution(k - 1).inverseCumulativeProbability(0.975) * Math.sqrt(ss / (k - 1) / k);
        return new SeedInterval(mean, mean - half, mean + half, k);
    }
}
