package org.icldynamics.theory;

/**
 * Half-way drop times of a loss curve through a staircase of levels: drop {@code m} (1-based) is the first time the
 * curve reaches {@code (levels[m-1] + levels[m]) / 2}, linearly interpolated between samples (the definition of the
 * linear-attention spec's "half-way crossing", A.5).
 */
public final class DropTimes {
    private DropTimes() {
    }

    /**
     * @param times ascending, not modified
     * @param losses the curve at {@code times}, not modified
     * @param levels {@code [m + 1]} plateau levels, decreasing, not modified
     * @return {@code [m]}: drop {@code k + 1}'s time at index {@code k}, NaN when the curve never gets there
     */
    public static double[] halfWay(double[] times, double[] losses, double[] levels) {
        if (times.length != losses.length || levels.length < 2) {
            throw new IllegalArgumentException("need matching times and losses and at least two levels");
        }
        double[] out = new double[levels.length - 1];
        for (int m = 1; m < levels.length; m++) {
            out[m - 1] = crossing(times, losses, 0.5 * (levels[m - 1] + levels[m]));
        }
        return out;
    }

    /** First time {@code losses} reaches {@code level} or below (interpolated), NaN when never. */
    public static double crossing(double[] times, double[] losses, double level) {
        if (times.length > 0 && losses[0] <= level) {
            return times[0];
        }
        for (int i = 1; i < times.length; i++) {
            if (losses[i] <= level) {
                double f = (losses[i - 1] - level) / (losses[i - 1] - losses[i]);
                return times[i - 1] + f * (times[i] - times[i - 1]);
            }
        }
        return Double.NaN;
    }
}
