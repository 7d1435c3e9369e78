package org.icldynamics.analysis;

import java.util.Arrays;

/** Running medians and local slopes of a sampled curve (package-private numerics shared by the detectors). */
final class CurveSmoothing {
    private CurveSmoothing() {
    }

    /**
     * Running median over a centred window of {@code window} points (shrunk at the ends).
     *
     * @param v values {@code [m]}, not modified
     * @return {@code [m]}
     */
    static double[] runningMedian(double[] v, int window) {
        int m = v.length;
        int half = Math.max(0, window / 2);
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            int lo = Math.max(0, i - half);
            int hi = Math.min(m, i + half + 1);
            double[] w = Arrays.copyOfRange(v, lo, hi);
            out[i] = median(w);
        }
        return out;
    }

    /**
     * Robust estimate of the standard deviation of the point-to-point noise of {@code v}: the scaled median absolute
     * deviation of its first differences, divided by sqrt(2) (drops and trends barely move a median).
     *
     * @param v values {@code [m]}, not modified
     */
    static double noiseLevel(double[] v) {
        int m = v.length;
        if (m < 3) {
            return 0;
        }
        double[] diff = new double[m - 1];
        for (int i = 0; i + 1 < m; i++) {
            diff[i] = v[i + 1] - v[i];
        }
        double med = median(diff.clone());
        for (int i = 0; i < diff.length; i++) {
            diff[i] = Math.abs(diff[i] - med);
        }
        return 1.4826 * median(diff) / Math.sqrt(2);
    }

    /** Median of {@code w}; {@code w} is overwritten (sorted). */
    static double median(double[] w) {
        Arrays.sort(w);
        int k = w.length;
        return k % 2 == 1 ? w[k / 2] : 0.5 * (w[k / 2 - 1] + w[k / 2]);
    }

    /**
     * Least-squares slope of {@code v} against {@code u} over the points with {@code |u_j - u_i| <= halfWidth}
     * (at least the two neighbours).
     *
     * @param u abscissa {@code [m]}, increasing, not modified
     * @param v values {@code [m]}, not modified
     * @return slopes {@code [m]}
     */
    static double[] localSlope(double[] u, double[] v, double halfWidth) {
        return localSlope(u, v, halfWidth, null);
    }

    /**
     * As {@link #localSlope(double[], double[], double)}, also writing {@code sqrt(sum_j (u_j - mean u)^2)} of each
     * window into {@code spread} (when not null), so that a slope's standard error is {@code sigma / spread}.
     *
     * @param spread {@code [m]} overwritten, or null
     */
    static double[] localSlope(double[] u, double[] v, double halfWidth, double[] spread) {
        int m = u.length;
        double[] out = new double[m];
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < m; i++) {
            while (u[i] - u[lo] > halfWidth) {
                lo++;
            }
            while (hi + 1 < m && u[hi + 1] - u[i] <= halfWidth) {
                hi++;
            }
            int a = Math.max(0, Math.min(lo, i - 1));
            int b = Math.min(m - 1, Math.max(hi, i + 1));
            double su = 0;
            double sv = 0;
            int k = b - a + 1;
            for (int j = a; j <= b; j++) {
                su += u[j];
                sv += v[j];
            }
            double mu = su / k;
            double mv = sv / k;
            double suu = 0;
            double suv = 0;
            for (int j = a; j <= b; j++) {
                suu += (u[j] - mu) * (u[j] - mu);
                suv += (u[j] - mu) * (v[j] - mv);
            }
            out[i] = suu > 0 ? suv / suu : 0;
            if (spread != null) {
                spread[i] = Math.sqrt(suu);
            }
        }
        return out;
    }

    /**
     * Last downward crossing of {@code level} in {@code (from, to]}: the last index where {@code v} goes from above
     * to at most {@code level}, linearly interpolated in the abscissa and mapped back to {@code t}; {@code t[from]}
     * when {@code v} is already at most {@code level} there and never crosses; NaN when it never reaches it. On noisy
     * curves this is more robust than the first crossing (a spike on the higher plateau does not trigger it).
     *
     * @param t times {@code [m]}, not modified
     * @param u abscissa of {@code t} {@code [m]}, not modified
     * @param v values {@code [m]}, not modified
     */
    static double lastFallTo(TimeAxis axis, double[] t, double[] u, double[] v, double level, int from, int to) {
        for (int i = Math.min(to, v.length - 1); i > from; i--) {
            if (v[i] <= level && v[i - 1] > level) {
                double f = (v[i - 1] - level) / (v[i - 1] - v[i]);
                double uu = u[i - 1] + f * (u[i] - u[i - 1]);
                double tt = t[i - 1] + f * (t[i] - t[i - 1]);
                return axis == TimeAxis.LOG ? Math.exp(uu) : tt;
            }
        }
        return v[from] <= level ? t[from] : Double.NaN;
    }
}
