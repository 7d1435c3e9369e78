package org.icldynamics.estimator;

import org.icldynamics.data.PromptBatch;

/**
 * Debiased one-step GD (softmax-multihead A.2.3, A.4.2): {@code yhat = eta (1/n) sum_l y_l (x_l - xbar)^T x_q}
 * with {@code xbar} the context mean. Zero-sum multi-head softmax attention implements it with
 * {@code eta = sum_h mu_h omega_h}.
 */
public final class DebiasedGdEstimator implements WeightEstimator {
    private final double eta;

    public DebiasedGdEstimator(double eta) {
        if (!Double.isFinite(eta)) {
            throw new IllegalArgumentException("debiased GD needs a finite eta, got " + eta);
        }
        this.eta = eta;
    }

    public double eta() {
        return eta;
    }

    @Override
    public String name() {
        return "dgd(" + eta + ")";
    }

    @Override
    public double[] weights(PromptBatch batch, int p, int k) {
        int d = batch.d;
        double[] sxy = new double[d];
        double[] sx = new double[d];
        double sy = 0;
        for (int i = 0; i < batch.n; i++) { // [n, d]
            sy = accumulate(batch, p, k, i, sxy, sx, sy);
        }
        return weightsFrom(sxy, sx, sy, batch.n);
    }

    /** Running sums over the context, so every prefix costs O(d): row {@code n} equals {@link #predict} bit for bit. */
    @Override
    public double[][] predictPrefixes(PromptBatch batch) {
        int d = batch.d;
        int outs = batch.outputs;
        double[][] out = new double[batch.n + 1][batch.b * outs];
        double[] sxy = new double[d];
        double[] sx = new double[d];
        for (int p = 0; p < batch.b; p++) { // [b, outputs, n, d]
            for (int k = 0; k < outs; k++) {
                java.util.Arrays.fill(sxy, 0);
                java.util.Arrays.fill(sx, 0);
                double sy = 0;
                for (int m = 1; m <= batch.n; m++) {
                    sy = accumulate(batch, p, k, m - 1, sxy, sx, sy);
                    double[] w = weightsFrom(sxy, sx, sy, m);
                    double s = 0;
                    for (int j = 0; j < d; j++) {
                        s += w[j] * batch.xq[p * d + j];
                    }
                    out[m][p * outs + k] = s;
                }
            }
        }
        return out;
    }

    /** Adds token {@code i} to {@code sxy = sum y x}, {@code sx = sum x} (both overwritten); returns {@code sum y}. */
    private static double accumulate(PromptBatch batch, int p, int k, int i, double[] sxy, double[] sx, double sy) {
        double y = batch.y[batch.yIndex(p, i) + k];
        int xo = batch.xIndex(p, i);
        for (int j = 0; j < sxy.length; j++) {
            sxy[j] += y * batch.x[xo + j];
            sx[j] += batch.x[xo + j];
        }
        return sy + y;
    }

    /** {@code eta/m (sum y x - xbar sum y)} = {@code eta/m sum y (x - xbar)}. */
    private double[] weightsFrom(double[] sxy, double[] sx, double sy, int m) {
        double[] w = new double[sxy.length];
        if (m == 0) {
            return w;
        }
        for (int j = 0; j < w.length; j++) {
            w[j] = eta * (sxy[j] - sx[j] / m * sy) / m;
        }
        return w;
    }
}
