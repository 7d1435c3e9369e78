package org.icldynamics.train;

import java.util.List;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.HeadCircuit;
import org.icldynamics.model.Model;
import org.icldynamics.model.ParameterBlock;

/**
 * Test model (single output): {@code yhat = sum_j g_j h_j + c} with features {@code h_j = x_{q,j} (1/n) sum_i y_i
 * x_{i,j}} (a diagonally preconditioned one-step GD estimator), MSE loss. The gradient is computed in
 * {@link RandomStreams#BLOCK}-prompt blocks on a {@link BlockParallel} and the partials are reduced in block order,
 * so its bits do not depend on the thread count.
 */
final class BlockedReadoutModel implements Model {
    private final int d;
    private final double[] theta; // [d + 1]: g then c
    private final BlockParallel parallel;

    BlockedReadoutModel(int d, BlockParallel parallel) {
        this.d = d;
        this.theta = new double[d + 1];
        this.parallel = parallel;
    }

    @Override
    public String name() {
        return "blocked-readout";
    }

    @Override
    public double[] parameters() {
        return theta;
    }

    @Override
    public List<ParameterBlock> blocks() {
        return List.of(new ParameterBlock("g", 0, new int[] {d}), new ParameterBlock("c", d, new int[] {1}));
    }

    private void features(PromptBatch b, int p, double[] h) {
        for (int j = 0; j < d; j++) {
            double s = 0;
            for (int i = 0; i < b.n; i++) { // [n]
                s += b.y[b.yIndex(p, i)] * b.x[b.xIndex(p, i) + j];
            }
            h[j] = b.xq[p * d + j] * s / Math.max(1, b.n);
        }
    }

    @Override
    public double[] predict(PromptBatch b) {
        double[] out = new double[b.b];
        double[] h = new double[d];
        for (int p = 0; p < b.b; p++) { // [b]
            features(b, p, h);
            double s = theta[d];
            for (int j = 0; j < d; j++) {
                s += theta[j] * h[j];
            }
            out[p] = s;
        }
        return out;
    }

    @Override
    public double lossAndGradient(PromptBatch b, double[] grad) {
        int blocks = BlockParallel.blocks(b.b, RandomStreams.BLOCK);
        double[][] partial = new double[blocks][d + 2]; // [blocks, d + 1 gradient entries + loss]
        parallel.forEach(blocks, k -> {
            double[] h = new double[d];
            double[] acc = partial[k];
            for (int p = k * RandomStreams.BLOCK; p < Math.min(b.b, (k + 1) * RandomStreams.BLOCK); p++) {
                features(b, p, h);
                double r = theta[d] - b.yq[p];
                for (int j = 0; j < d; j++) {
                    r += theta[j] * h[j];
                }
                for (int j = 0; j < d; j++) {
                    acc[j] += 2 * r * h[j];
                }
                acc[d] += 2 * r;
                acc[d + 1] += r * r;
            }
        });
        java.util.Arrays.fill(grad, 0);
        double loss = 0;
        for (int k = 0; k < blocks; k++) { // reduce in block order
            for (int j = 0; j <= d; j++) {
                grad[j] += partial[k][j] / b.b;
            }
            loss += partial[k][d + 1];
        }
        return loss / b.b;
    }

    @Override
    public double loss(PromptBatch b) {
        return lossAndGradient(b, new double[d + 1]);
    }

    @Override
    public List<HeadCircuit> circuits() {
        return List.of();
    }
}
