package org.icldynamics.model;

/**
 * A loss of linear attention's reduced circuits (spec linear-attention.md A.7) given without prompts, for example an
 * exact population loss: {@code yhat_c = sum_h sum_c' V_h[c, c'] beta_c'^T U_h x_q} with x-blocks {@code U_h}
 * (rows the key side) and y-blocks {@code V_h}. {@link OneLayerAttention#lossAndGradient(ReducedCircuitLoss, double[])}
 * chains its gradient back to any key-query and value-output parametrisation.
 */
@FunctionalInterface
public interface ReducedCircuitLoss {
    /**
     * @param u {@code [h, d, d]} x-blocks, not modified
     * @param v {@code [h, outputs, outputs]} y-blocks, not modified
     * @param gu {@code [h, d, d]} or null, overwritten with {@code dL/dU}
     * @param gv {@code [h, outputs, outputs]} or null, overwritten with {@code dL/dV}
     * @return the loss (in the model's loss units)
     */
    double lossAndGradient(double[] u, double[] v, double[] gu, double[] gv);
}
