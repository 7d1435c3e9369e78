package org.icldynamics.model;

import java.util.List;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;

/**
 * A trainable model: a flat parameter vector, a loss with its hand-written gradient, and the effective per-head
 * circuits. The trainer sees only {@link #parameters()} and {@link #lossAndGradient}.
 */
public interface Model extends Predictor {
    /** The live parameter vector; optimizers update it in place. */
    double[] parameters();

    /** Named blocks of {@link #parameters()} (for snapshots and error messages), in order, covering it. */
    List<ParameterBlock> blocks();

    /**
     * Loss on the query labels of {@code batch} under the model's {@link LossConvention}.
     *
     * @param batch not modified
     * @param grad overwritten with the gradient, same length as {@link #parameters()}
     * @return the loss
     */
    double lossAndGradient(PromptBatch batch, double[] grad);

    /** The loss without the gradient. */
    double loss(PromptBatch batch);

    /** Effective circuits of every head, computed from the current parameters. */
    List<HeadCircuit> circuits();

    /** The block that holds parameter index {@code i}. */
    default ParameterBlock blockOf(int i) {
        for (ParameterBlock b : blocks()) {
            if (i >= b.offset() && i < b.offset() + b.size()) {
                return b;
            }
        }
        throw new IndexOutOfBoundsException("parameter " + i);
    }
}
