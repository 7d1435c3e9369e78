package org.icldynamics.model;

import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * The registry of architectures: one line per model file. A spec validates itself in its compact constructor and
 * builds a freshly initialised model for prompts of input dimension {@code d} with {@code outputs} label slots.
 */
public sealed interface ModelSpec permits OneLayerAttention.Spec, CubicFeatureNetwork.Spec, Transformer.Spec {
    /**
     * @param d input dimension
     * @param outputs label slots per token
     * @param n training context length (for normalisations that use it)
     * @param streams initial weights come from {@code streams.stream("init", ...)}
     * @param parallel threads for the kernels (results are identical for any thread count)
     */
    Model build(int d, int outputs, int n, RandomStreams streams, BlockParallel parallel);
}
