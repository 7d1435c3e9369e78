package org.icldynamics.model;

import org.icldynamics.config.SelectedBy;
import org.icldynamics.data.DrawPrecision;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * The registry of architectures: one line per model file. The config's {@code model:} section binds straight to
 * the permitted record that {@code architecture} names (its {@link org.icldynamics.config.Variant} word); that record
 * takes only its own keys and checks them once in its compact constructor. A spec builds a freshly initialised model
 * for prompts of input dimension {@code d} with {@code outputs} label slots.
 */
@SelectedBy("architecture")
public sealed interface ModelSpec permits OneLayerAttention.Spec, CubicFeatureNetwork.Spec, Transformer.Spec {
    /** Number of heads h (the cubic-feature network's hidden width). */
    int heads();

    /** Linear or softmax scores (the cubic-feature network is linear attention). */
    OneLayerAttention.Scores scores();

    /** Linear scores (and the cubic feature): plain sum or divided by the context length. */
    OneLayerAttention.Normalisation normalisation();

    /** Scale of the initial weights (meaning per architecture). */
    double initScale();

    /** Squared-error convention of the loss. */
    LossConvention loss();

    /**
     * @param d input dimension
     * @param outputs label slots per token
     * @param n training context length (for normalisations that use it)
     * @param streams initial weights come from {@code streams.stream("init", ...)}
     * @param parallel threads for the kernels (results are identical for any thread count)
     */
    Model build(int d, int outputs, int n, RandomStreams streams, BlockParallel parallel);

    /** The arithmetic of the normals the run's prompts are drawn from: float for float runs, else double. */
    default DrawPrecision draws() {
        return DrawPrecision.DOUBLE;
    }

    /** The {@code architecture} word of this spec, e.g. {@code attention}. */
    default String architecture() {
        return org.icldynamics.config.SectionVariants.word(getClass());
    }
}
