package org.icldynamics.model;

import org.icldynamics.data.PromptBatch;

/**
 * Forward and backward pass of one attention layer in terms of its effective circuits: every parametrisation
 * (merged or separate key-query, merged or separate value-output) maps its parameters to {@code (KQ_h, OV_h)} and
 * chains the circuit gradient back once per batch. Implementations: a plain reference kernel that reads like the
 * formulas, and Vector-API fast paths that must equal it to 1e-12 in double precision.
 *
 * <p>Per prompt: {@code s_l^h = z_l^T KQ_h z_q} over the attended tokens (context, plus the query when it attends to
 * itself); weights {@code a^h = softmax(s^h)} or {@code s^h / n} or {@code s^h}; prediction
 * {@code yhat = sum_h OV_h sum_l a_l^h z_l}.
 *
 * <p>Determinism: prompts are processed in fixed blocks of {@link org.icldynamics.data.RandomStreams#BLOCK}, each
 * block accumulates its own partial gradient, partials are summed in block order.
 */
public interface AttentionKernel {
    /** The layer this kernel computes. */
    KernelShape shape();

    /**
     * Sum over prompts and outputs of squared errors {@code (yhat - y_q)^2}, and its gradient.
     *
     * @param batch prompts, not modified
     * @param kq {@code [h, D, D]}, not modified
     * @param ov {@code [h, outputs, D]}, not modified
     * @param gkq {@code [h, D, D]}, overwritten with the gradient of the returned sum
     * @param gov {@code [h, outputs, D]}, overwritten with the gradient of the returned sum
     * @return the sum of squared errors (not averaged)
     */
    double sumSquaredErrorAndGradient(PromptBatch batch, double[] kq, double[] ov, double[] gkq, double[] gov);

    /**
     * @param out {@code [b, outputs]}, overwritten with the predictions
     */
    void predict(PromptBatch batch, double[] kq, double[] ov, double[] out);
}
