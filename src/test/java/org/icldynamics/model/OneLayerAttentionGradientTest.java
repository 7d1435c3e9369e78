package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.icldynamics.model.OneLayerAttention.Trainable;
import org.icldynamics.model.OneLayerAttention.ValueOutput;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference gradient checks for every combination of scores x normalisation x key-query (merged, separate
 * rank 1 and 2) x value-output x query attention x trainable, for every init family, cycling through small shapes
 * with n = 1, n < d, n = d, n > d, outputs 1 and 2, heads 1 and 3.
 */
class OneLayerAttentionGradientTest {
    /** {heads, n, d, outputs}. */
    private static final int[][] SHAPES = {{1, 1, 3, 1}, {3, 2, 3, 2}, {3, 3, 3, 1}, {1, 4, 2, 2}, {3, 1, 2, 2},
        {1, 3, 3, 2}, {3, 5, 2, 1}};

    @Test
    void gradientMatchesCentralDifferencesForEveryCombinationAndInit() {
        int count = 0;
        for (Init init : Init.values()) {
            if (init == Init.EQUIVALENT_TO) {
                continue; // not an attention init: the cubic-feature network copies an attention model's weights
            }
            for (Scores scores : Scores.values()) {
                for (Normalisation norm : Normalisation.values()) {
                    for (int kq = 0; kq < 3; kq++) { // merged, separate rank 1, separate rank 2
                        for (ValueOutput vo : ValueOutput.values()) {
                            for (QueryAttention qa : QueryAttention.values()) {
                                for (Trainable trainable : Trainable.values()) {
                                    int[] s = SHAPES[count % SHAPES.length];
                                    AttentionSpecBuilder builder = AttentionSpecBuilder.defaults().heads(s[0])
                                            .scores(scores).normalisation(norm).valueOutput(vo).queryAttention(qa)
                                            .trainable(trainable).init(init, init == Init.TORCH_UNIFORM ? 0 : 0.6);
                                    if (kq > 0) {
                                        builder.separateKeyQuery(kq);
                                    }
                                    OneLayerAttention model = builder.build().build(s[2], s[3], s[1],
                                            new RandomStreams(count), BlockParallel.serial());
                                    perturbIdentity(model, init, count);
                                    PromptBatch batch = TestPrompts.random(5, s[1], s[2], s[3], 100 + count);
                                    ModelChecks.assertGradientMatchesDifferences(model, batch, model.trainableMask(),
                                            model.spec() + " shape " + java.util.Arrays.toString(s));
                                    count++;
                                }
                            }
                        }
                    }
                }
            }
        }
        assertEquals((Init.values().length - 1) * 2 * 2 * 3 * 2 * 2 * 2, count);
    }

    /**
     * IDENTITY inits sit on a point where many entries are zero; check the gradient after a small
     * deterministic perturbation of the trainable entries, so every entry's path is exercised.
     */
    private static void perturbIdentity(OneLayerAttention model, Init init, long seed) {
        if (init != Init.IDENTITY && init != Init.IDENTITY_INCLINED) {
            return;
        }
        double[] p = model.parameters();
        double[] mask = model.trainableMask();
        double[] noise = TestPrompts.gaussian(p.length, 0.2, seed);
        for (int i = 0; i < p.length; i++) {
            p[i] += mask[i] * noise[i];
        }
    }
}
