package org.icldynamics.model;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.icldynamics.model.OneLayerAttention.Trainable;
import org.icldynamics.model.OneLayerAttention.ValueOutput;
import org.junit.jupiter.api.Nested;

/** The {@link ModelContractTest} for each architecture. */
class AttentionContractTests {
    @Nested
    class SoftmaxSeparateAttention extends ModelContractTest {
        @Override
        protected Model model() {
            return AttentionSpecBuilder.defaults().heads(2).separateKeyQuery(3)
                    .valueOutput(ValueOutput.SEPARATE).init(Init.TORCH_UNIFORM, 0).build()
                    .build(3, 2, 4, new RandomStreams(1), BlockParallel.serial());
        }

        @Override
        protected PromptBatch batch() {
            return TestPrompts.random(5, 4, 3, 2, 2);
        }
    }

    @Nested
    class LinearMergedAttentionWithHalfMse extends ModelContractTest {
        @Override
        protected Model model() {
            return AttentionSpecBuilder.defaults().heads(3).scores(Scores.LINEAR)
                    .queryAttention(QueryAttention.INCLUDED).loss(LossConvention.HALF_MSE).init(Init.GAUSSIAN, 0.5)
                    .build().build(2, 1, 3, new RandomStreams(3), BlockParallel.serial());
        }

        @Override
        protected PromptBatch batch() {
            return TestPrompts.random(6, 3, 2, 1, 4);
        }
    }

    @Nested
    class LinearReducedAttention extends ModelContractTest {
        @Override
        protected Model model() {
            return AttentionSpecBuilder.defaults().heads(2).scores(Scores.LINEAR).separateKeyQuery(1)
                    .trainable(Trainable.REDUCED).init(Init.LINEAR_PAPER, 0.7).build()
                    .build(3, 1, 5, new RandomStreams(5), BlockParallel.serial());
        }

        @Override
        protected PromptBatch batch() {
            return TestPrompts.random(6, 5, 3, 1, 6);
        }

        @Override
        protected double[] mask(Model model) {
            return ((OneLayerAttention) model).trainableMask();
        }
    }

    @Nested
    class CubicFeatures extends ModelContractTest {
        @Override
        protected Model model() {
            return new CubicFeatureNetwork.Spec(3, 0.5).build(3, 1, 4, new RandomStreams(7), BlockParallel.serial());
        }

        @Override
        protected PromptBatch batch() {
            return TestPrompts.random(6, 4, 3, 1, 8);
        }
    }
}
