package org.icldynamics.estimator;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.Predictor;

/**
 * An estimator that reads one weight vector {@code what [d]} per prompt and output from the context and predicts
 * {@code yhat = what^T x_q}. Implementations supply {@link #weights}; prediction is shared.
 */
public interface WeightEstimator extends Predictor {
    /**
     * The estimated task vector of prompt {@code p}, output {@code k}.
     *
     * @param batch prompts, not modified
     * @return {@code what}, {@code [d]}
     */
    double[] weights(PromptBatch batch, int p, int k);

    @Override
    default double[] predict(PromptBatch batch) {
        double[] out = new double[batch.b * batch.outputs];
        for (int p = 0; p < batch.b; p++) { // [b, outputs]
            for (int k = 0; k < batch.outputs; k++) {
                double[] w = weights(batch, p, k);
                double s = 0;
                for (int j = 0; j < batch.d; j++) {
                    s += w[j] * batch.xq[p * batch.d + j];
                }
                out[p * batch.outputs + k] = s;
            }
        }
        return out;
    }

    /** Context inputs {@code X} of prompt {@code p}, {@code [n, d]} (a copy). */
    static double[] inputs(PromptBatch batch, int p) {
        double[] x = new double[batch.n * batch.d];
        System.arraycopy(batch.x, batch.xIndex(p, 0), x, 0, x.length);
        return x;
    }

    /** Context labels {@code y} of prompt {@code p}, output {@code k}, {@code [n]} (a copy). */
    static double[] labels(PromptBatch batch, int p, int k) {
        double[] y = new double[batch.n];
        for (int i = 0; i < batch.n; i++) {
            y[i] = batch.y[batch.yIndex(p, i) + k];
        }
        return y;
    }

    /**
     * {@code X^T y}.
     *
     * @param x {@code [n, d]}, not modified
     * @param y {@code [n]}, not modified
     * @return {@code [d]}
     */
    static double[] xty(double[] x, double[] y, int n, int d) {
        double[] r = new double[d];
        for (int i = 0; i < n; i++) { // [n, d]
            for (int j = 0; j < d; j++) {
                r[j] += x[i * d + j] * y[i];
            }
        }
        return r;
    }

    /**
     * {@code X^T X}.
     *
     * @param x {@code [n, d]}, not modified
     * @return {@code [d, d]}
     */
    static double[] gram(double[] x, int n, int d) {
        double[] g = new double[d * d];
        for (int i = 0; i < n; i++) { // [n, d, d]
            for (int a = 0; a < d; a++) {
                double xa = x[i * d + a];
                for (int c = 0; c < d; c++) {
                    g[a * d + c] += xa * x[i * d + c];
                }
            }
        }
        return g;
    }
}
