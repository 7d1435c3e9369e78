package org.icldynamics.report;

import java.util.Arrays;

/**
 * Thins a long series before plotting (SVG grows with every point): keeps at most {@code max} points, always the
 * first and the last, and in each of {@code max/2} equal index buckets the minimum and the maximum, so plateaus,
 * drops and spikes survive. Points that cannot be drawn on the axes (non-finite, or non-positive on a log axis)
 * are dropped first.
 */
public final class Decimation {
    private Decimation() {
    }

    /**
     * @param x abscissae, not modified
     * @param y ordinates, same length, not modified
     * @param max at most this many points are kept (at least 4)
     * @return {@code {x', y'}} in the original order
     */
    public static double[][] apply(double[] x, double[] y, int max, AxisScale xScale, AxisScale yScale) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " points but y has " + y.length);
        }
        int[] keep = new int[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (drawable(x[i], xScale) && drawable(y[i], yScale)) {
                keep[n++] = i;
            }
        }
        if (n <= Math.max(4, max)) {
            return pick(x, y, Arrays.copyOf(keep, n));
        }
        int buckets = Math.max(1, (max - 2) / 2);
        int[] out = new int[2 * buckets + 2];
        int m = 0;
        out[m++] = keep[0];
        for (int b = 0; b < buckets; b++) {
            int lo = 1 + (int) ((long) b * (n - 2) / buckets);
            int hi = 1 + (int) ((long) (b + 1) * (n - 2) / buckets);
            if (lo >= hi) {
                continue;
            }
            int iMin = lo;
            int iMax = lo;
            for (int j = lo; j < hi; j++) {
                if (y[keep[j]] < y[keep[iMin]]) {
                    iMin = j;
                }
                if (y[keep[j]] > y[keep[iMax]]) {
                    iMax = j;
                }
            }
            out[m++] = keep[Math.min(iMin, iMax)];
            if (iMin != iMax) {
                out[m++] = keep[Math.max(iMin, iMax)];
            }
        }
        out[m++] = keep[n - 1];
        return pick(x, y, Arrays.copyOf(out, m));
    }

    private static boolean drawable(double v, AxisScale scale) {
        return Double.isFinite(v) && (scale == AxisScale.LINEAR || v > 0);
    }

    private static double[][] pick(double[] x, double[] y, int[] idx) {
        double[][] r = new double[2][idx.length];
        for (int i = 0; i < idx.length; i++) {
            r[0][i] = x[idx[i]];
            r[1][i] = y[idx[i]];
        }
        return r;
    }
}
