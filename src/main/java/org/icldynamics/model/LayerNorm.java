package org.icldynamics.model;

/** LayerNorm of rows, {@code y = (x - mean) / sqrt(var + eps) * gain + bias}, forward and backward side by side. */
final class LayerNorm {
    private LayerNorm() {
    }

    /**
     * Normalises rows {@code [first, first + rows)}; row {@code r} of every array starts at {@code r * w}.
     *
     * @param x {@code [rows, w]}, not modified
     * @param p parameters: gain {@code [w]} at {@code go}, bias {@code [w]} at {@code go + w}; not modified
     * @param y {@code [rows, w]}, overwritten
     * @param mean {@code [rows]}, overwritten
     * @param rstd {@code [rows]}, overwritten
     */
    static void forward(double[] x, int first, int rows, int w, double[] p, int go, double eps, double[] y,
                        double[] mean, double[] rstd) {
        for (int r = first; r < first + rows; r++) { // [rows, w]
            int o = r * w;
            double m = 0;
            for (int i = 0; i < w; i++) {
                m += x[o + i];
            }
            m /= w;
            double v = 0;
            for (int i = 0; i < w; i++) {
                double c = x[o + i] - m;
                v += c * c;
            }
            double rs = 1.0 / Math.sqrt(v / w + eps);
            mean[r] = m;
            rstd[r] = rs;
            for (int i = 0; i < w; i++) {
                y[o + i] = (x[o + i] - m) * rs * p[go + i] + p[go + w + i];
            }
        }
    }

    /**
     * @param x the forward input {@code [rows, w]}, not modified
     * @param dy {@code [rows, w]}, not modified
     * @param dp gradient of gain and bias (layout of {@code p}), accumulated into
     * @param dx {@code [rows, w]}, accumulated into
     */
    static void backward(double[] x, int first, int rows, int w, double[] p, int go, double[] mean, double[] rstd,
                         double[] dy, double[] dp, double[] dx) {
        for (int r = first; r < first + rows; r++) { // [rows, w]
            int o = r * w;
            double m = mean[r];
            double rs = rstd[r];
            double sumG = 0;
            double sumGx = 0;
            for (int i = 0; i < w; i++) {
                double xh = (x[o + i] - m) * rs;
                double g = dy[o + i] * p[go + i];
                dp[go + i] += dy[o + i] * xh;
                dp[go + w + i] += dy[o + i];
                sumG += g;
                sumGx += g * xh;
            }
            sumG /= w;
            sumGx /= w;
            for (int i = 0; i < w; i++) {
                double xh = (x[o + i] - m) * rs;
                dx[o + i] += rs * (dy[o + i] * p[go + i] - sumG - xh * sumGx);
            }
        }
    }
}
