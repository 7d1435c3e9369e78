package org.icldynamics.model;

import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * Two-layer linear network on the cubic feature {@code z = vec(b x_q^T)}, equivalent to merged linear attention
 * (spec linear-attention.md A.2.4). SKELETON: being implemented.
 */
public final class CubicFeatureNetwork {
    private CubicFeatureNetwork() {
    }

    /**
     * @param width hidden width (the attention model's head count)
     * @param initScale std of every weight
     */
    public record Spec(int width, double initScale) implements ModelSpec {
        public Spec {
            if (width < 1) {
                throw new IllegalArgumentException("width must be >= 1, got " + width);
            }
        }

        @Override
        public Model build(int d, int outputs, int n, RandomStreams streams, BlockParallel parallel) {
            throw new UnsupportedOperationException("CubicFeatureNetwork is being implemented");
        }
    }
}
