package org.icldynamics.model;

/** Whether the squared error carries a factor 1/2 (the papers differ). Both average over prompts and outputs. */
public enum LossConvention {
    /** {@code mean (yhat - y)^2}: the linear-attention and softmax papers' code. */
    MSE(1.0),
    /** {@code (1/2) mean (yhat - y)^2}: the gradient-flow theory's convention. */
    HALF_MSE(0.5);

    private final double factor;

    LossConvention(double factor) {
        this.factor = factor;
    }

    public double factor() {
        return factor;
    }
}
