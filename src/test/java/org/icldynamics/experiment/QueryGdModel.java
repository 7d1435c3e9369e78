package org.icldynamics.experiment;

import java.util.List;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.model.HeadCircuit;
import org.icldynamics.model.Model;
import org.icldynamics.model.ParameterBlock;

/**
 * Test fixture: the one-head linear-attention predictor {@code yhat = x_q^T Gamma b}, {@code b = (1/n) sum_l y_l x_l},
 * with MSE loss. Small and exact, so run-directory tests do not depend on the real models.
 */
final class QueryGdModel implements Model {
    private final int d;
    private final double[] gamma; // [d, d]

    QueryGdModel(int d, double init) {
        this.d = d;
        this.gamma = new double[d * d];
        for (int i = 0; i < d; i++) {
            gamma[i * d + i] = init;
        }
    }

    @Override
    public String name() {
        return "query-gd";
    }

    @Override
    public double[] parameters() {
        return gamma;
    }

    @Override
    public List<ParameterBlock> blocks() {
        return List.of(new ParameterBlock("gamma", 0, new int[] {d, d}));
    }

    private double[] stat(PromptBatch batch, int p) {
        double[] b = new double[d];
        for (int l = 0; l < batch.n; l++) { // [n, d]
            double y = batch.y[batch.yIndex(p, l)];
            for (int i = 0; i < d; i++) {
                b[i] += y * batch.x[batch.xIndex(p, l) + i] / batch.n;
            }
        }
        return b;
    }

    @Override
    public double[] predict(PromptBatch batch) {
        double[] out = new double[batch.b];
        for (int p = 0; p < batch.b; p++) { // [b]
            double[] b = stat(batch, p);
            double s = 0;
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    s += batch.xq[p * d + i] * gamma[i * d + j] * b[j];
                }
            }
            out[p] = s;
        }
        return out;
    }

    @Override
    public double lossAndGradient(PromptBatch batch, double[] grad) {
        java.util.Arrays.fill(grad, 0);
        double[] yhat = predict(batch);
        double loss = 0;
        for (int p = 0; p < batch.b; p++) { // [b, d, d]
            double r = yhat[p] - batch.yq[p];
            loss += r * r / batch.b;
            double[] b = stat(batch, p);
            for (int i = 0; i < d; i++) {
                for (int j = 0; j < d; j++) {
                    grad[i * d + j] += 2 * r * batch.xq[p * d + i] * b[j] / batch.b;
                }
            }
        }
        return loss;
    }

    @Override
    public double loss(PromptBatch batch) {
        return lossAndGradient(batch, new double[gamma.length]);
    }

    @Override
    public List<HeadCircuit> circuits() {
        int tw = d + 1;
        double[] kq = new double[tw * tw]; // [D, D]: key rows, query columns: KQ_x = Gamma^T / n folded into b
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                kq[j * tw + i] = gamma[i * d + j];
            }
        }
        double[] ov = new double[tw]; // [1, D]
        ov[d] = 1;
        return List.of(new HeadCircuit(0, tw, 1, kq, ov));
    }
}
