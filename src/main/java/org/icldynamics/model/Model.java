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

    /**
     * Whether {@link #lossAndGradient} and {@link #loss} read a batch only block by block, each block after
     * {@link PromptBatch#drawBlock}, so they may be given a batch whose prompts are still to draw (sampling then runs
     * block by block inside the model's own pass). False, the default: they need a fully drawn batch.
     */
    default boolean drawsBlocks() {
        return false;
    }

    /** Effective circuits of every head, computed from the current parameters. */
    List<HeadCircuit> circuits();

    /** Layers addressable by a {@link HeadIntervention}: 1 for one-layer models. */
    default int layers() {
        return 1;
    }

    /** Heads per layer addressable by a {@link HeadIntervention}; 0 for a model without heads. */
    default int heads() {
        return 0;
    }

    /**
     * A predictor that evaluates this model's current weights under {@code edits} (applied in order; empty: the
     * unmodified model), without changing the model. A model without heads accepts only the empty list.
     *
     * @throws IllegalArgumentException when an edit names a layer or head the model does not have
     */
    default Predictor intervened(List<HeadIntervention> edits) {
        if (!edits.isEmpty()) {
            throw new IllegalArgumentException(name() + " has no heads; intervention '" + edits.get(0).label()
                    + "' names one");
        }
        return this;
    }

    /**
     * Each head's output averaged over the prompts of {@code batch}: {@code [layers][heads][entries]}, the data of
     * {@link HeadIntervention.MeanReplace} (one-layer models: a head's contribution to the prediction,
     * {@code [outputs]}; see each model for its own).
     *
     * @param batch not modified
     */
    default double[][][] headOutputMeans(PromptBatch batch) {
        return new double[layers()][heads()][];
    }

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
