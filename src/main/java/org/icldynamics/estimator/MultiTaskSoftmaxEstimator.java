package org.icldynamics.estimator;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.Predictor;

/**
 * Structured multi-head softmax attention for {@code N} tasks in one prompt (softmax-multihead A.4.7,
 * multitask-dynamics B.4 item 1): head {@code h} has x-block {@code KQ_h = sum_n omega_n^h P_{S_n}} and reads label
 * slot {@code n} with weight {@code mu_n^h}, so
 * {@code yhat_n = sum_h mu_n^h sum_l y_{l,n} softmax_l(sum_m omega_m^h x_{l,S_m}^T x_{q,S_m})}.
 * The parameter layout is the one of {@code theory.ApproximateSoftmaxLoss}: {@code omega [N, H]} then {@code mu [N, H]}.
 */
public final class MultiTaskSoftmaxEstimator implements Predictor {
    private final int[][] supports;
    private final int heads;
    private final double[] theta;

    /**
     * @param supports coordinates {@code S_n} of each task, copied
     * @param theta {@code omega [N, H]} then {@code mu [N, H]}, copied
     */
    public MultiTaskSoftmaxEstimator(int[][] supports, int heads, double[] theta) {
        if (supports.length == 0 || heads < 1 || theta.length != 2 * supports.length * heads) {
            throw new IllegalArgumentException("need >= 1 task, >= 1 head and 2 N H = " + 2 * supports.length * heads
                    + " parameters, got " + theta.length);
        }
        this.supports = new int[supports.length][];
        for (int n = 0; n < supports.length; n++) {
            this.supports[n] = supports[n].clone();
        }
        this.heads = heads;
        this.theta = theta.clone();
    }

    @Override
    public String name() {
        return "softmax-" + supports.length + "task-" + heads + "head";
    }

    @Override
    public double[] predict(PromptBatch batch) {
        int tasks = supports.length;
        if (batch.outputs != tasks) {
            throw new IllegalArgumentException("estimator has " + tasks + " tasks, batch has " + batch.outputs + " outputs");
        }
        for (int[] s : supports) {
            for (int j : s) {
                if (j < 0 || j >= batch.d) {
                    throw new IllegalArgumentException("support coordinate " + j + " outside [0, " + batch.d + ")");
                }
            }
        }
        int n = batch.n;
        int d = batch.d;
        double[] out = new double[batch.b * tasks];
        double[] dots = new double[n * tasks]; // [n, N] per-task partial dot products
        double[] a = new double[n];
        for (int p = 0; p < batch.b; p++) {
            for (int i = 0; i < n; i++) { // [n, N, |S_m|]
                int xo = batch.xIndex(p, i);
                for (int m = 0; m < tasks; m++) {
                    double s = 0;
                    for (int j : supports[m]) {
                        s += batch.x[xo + j] * batch.xq[p * d + j];
                    }
                    dots[i * tasks + m] = s;
                }
            }
            for (int h = 0; h < heads && n > 0; h++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) { // [n, N]
                    double s = 0;
                    for (int m = 0; m < tasks; m++) {
                        s += theta[m * heads + h] * dots[i * tasks + m];
                    }
                    a[i] = s;
                    max = Math.max(max, s);
                }
                double z = 0;
                for (int i = 0; i < n; i++) {
                    a[i] = Math.exp(a[i] - max);
                    z += a[i];
                }
                for (int k = 0; k < tasks; k++) { // [N, n]
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += a[i] * batch.y[batch.yIndex(p, i) + k];
                    }
                    out[p * tasks + k] += theta[tasks * heads + k * heads + h] * s / z;
                }
            }
        }
        return out;
    }
}
