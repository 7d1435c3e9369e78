package org.icldynamics.analysis;

/**
 * How a curve's time axis is read by the detectors. {@code LOG}: the abscissa is {@code ln t} (requires {@code t > 0};
 * lengths are in e-folds of time); {@code LINEAR}: the abscissa is {@code (t - t_first) / (t_last - t_first)}
 * (lengths are fractions of the run).
 */
public enum TimeAxis {
    LOG,
    LINEAR;

    /**
     * The abscissa of every time.
     *
     * @param t strictly increasing times {@code [m]}, not modified
     * @return {@code [m]}
     */
    double[] abscissa(double[] t) {
        int m = t.length;
        double[] u = new double[m];
        for (int i = 0; i < m; i++) {
            if (i > 0 && !(t[i] > t[i - 1])) {
                throw new IllegalArgumentException("times must be strictly increasing; t[" + i + "] = " + t[i]
                        + " after " + t[i - 1]);
            }
            if (this == LOG) {
                if (!(t[i] > 0)) {
                    throw new IllegalArgumentException("a LOG time axis needs t > 0; t[" + i + "] = " + t[i]
                            + " (drop step 0 or use LINEAR)");
                }
                u[i] = Math.log(t[i]);
            } else {
                double span = t[m - 1] - t[0];
                u[i] = span > 0 ? (t[i] - t[0]) / span : 0;
            }
        }
        return u;
    }
}
