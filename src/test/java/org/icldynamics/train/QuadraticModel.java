package org.icldynamics.train;

import java.util.List;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.model.HeadCircuit;
import org.icldynamics.model.Model;
import org.icldynamics.model.ParameterBlock;

/**
 * Test model with the loss {@code L = (1/2) theta^T A theta} (the batch is ignored), gradient {@code A theta}; two
 * parameter blocks {@code first} and {@code second}. Optionally reports a NaN gradient entry from a given call on.
 */
final class QuadraticModel implements Model {
    private final int p;
    private final double[] a; // [p, p] symmetric
    private final double[] theta;
    private final List<ParameterBlock> blocks;
    private final long nanFromCall;
    private final int nanEntry;
    private long calls;

    /**
     * @param a {@code [p, p]} symmetric, not modified
     * @param theta0 initial parameters, not modified
     */
    QuadraticModel(double[] a, double[] theta0) {
        this(a, theta0, Long.MAX_VALUE, 0);
    }

    QuadraticModel(double[] a, double[] theta0, long nanFromCall, int nanEntry) {
        this.p = theta0.length;
        this.a = a.clone();
        this.theta = theta0.clone();
        int half = p / 2;
        this.blocks = List.of(new ParameterBlock("first", 0, new int[] {half}),
                new ParameterBlock("second", half, new int[] {p - half}));
        this.nanFromCall = nanFromCall;
        this.nanEntry = nanEntry;
    }

    @Override
    public String name() {
        return "quadratic";
    }

    @Override
    public double[] predict(PromptBatch batch) {
        return new double[batch.b * batch.outputs];
    }

    @Override
    public double[] parameters() {
        return theta;
    }

    @Override
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    @Override
    public double lossAndGradient(PromptBatch batch, double[] grad) {
        for (int i = 0; i < p; i++) { // [p] = [p, p] x [p]
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += a[i * p + j] * theta[j];
            }
            grad[i] = s;
        }
        if (calls++ >= nanFromCall) {
            grad[nanEntry] = Double.NaN;
        }
        return loss(batch);
    }

    @Override
    public double loss(PromptBatch batch) {
        double l = 0;
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                l += 0.5 * theta[i] * a[i * p + j] * theta[j];
            }
        }
        return l;
    }

    @Override
    public List<HeadCircuit> circuits() {
        return List.of();
    }
}
