package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Garg et al.'s all-prefixes objective ({@link Transformer.LossPositions#ALL_PREFIXES}): under the causal mask the
 * prediction at x token {@code 2i} is exactly the query prediction of the prompt cut to its first {@code i} examples
 * with {@code x_i} as the query, so the loss is the mean of those {@code n + 1} query losses; predictions still read
 * the query; and only the loss (not the function) changes with the setting.
 */
class PrefixLossTest {
    private static final int D = 3;
    private static final int N = 5;

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({"SOFTMAX, GELU, PRE", "LINEAR, NONE, NONE", "SOFTMAX, RELU, POST"})
    void allPrefixesLossIsTheMeanOfTheQueryLossesOfEveryTruncatedPrompt(OneLayerAttention.Scores scores,
                                                                       Transformer.Activation mlp,
                                                                       Transformer.Norm norm) {
        Transformer.Spec query = new Transformer.Spec(2, 2, 6, 3, scores,
                OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, mlp, 7, norm, TokenLayout.INTERLEAVED,
                1.0, LossConvention.MSE);
        Transformer all = query.withLossPositions(Transformer.LossPositions.ALL_PREFIXES)
                .build(D, 1, N, new RandomStreams(5), BlockParallel.serial());
        Transformer one = query.build(D, 1, N, new RandomStreams(5), BlockParallel.serial());
        PromptBatch batch = batch(9);
        double sum = 0;
        for (int p = 0; p < batch.b; p++) {
            for (int i = 0; i <= N; i++) {
                PromptBatch cut = truncated(batch, p, i);
                double r = one.predict(cut)[0] - cut.yq[0];
                sum += r * r;
            }
        }
        double want = sum / (batch.b * (N + 1));
        assertEquals(want, all.loss(batch), 1e-12 * want);
    }

    @Test
    void predictionsReadTheQueryWhateverPositionsTheLossScores() {
        Transformer.Spec query = new Transformer.Spec(3, 2, 8, 0, OneLayerAttention.Scores.SOFTMAX,
                OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, Transformer.Activation.GELU, 0,
                Transformer.Norm.PRE, TokenLayout.INTERLEAVED, 1.0, LossConvention.MSE);
        Transformer one = query.build(D, 1, N, new RandomStreams(8), BlockParallel.serial());
        Transformer all = query.withLossPositions(Transformer.LossPositions.ALL_PREFIXES)
                .build(D, 1, N, new RandomStreams(8), BlockParallel.serial());
        PromptBatch batch = batch(40);
        assertArrayEquals(one.predict(batch), all.predict(batch), 1e-12);
        double[][] s1 = one.queryStates(batch, java.util.List.of());
        double[][] s2 = all.queryStates(batch, java.util.List.of());
        for (int l = 0; l < s1.length; l++) {
            assertArrayEquals(s1[l], s2[l], 1e-12, "query state after layer " + l);
        }
    }

    @Test
    void allPrefixesInThePairLayoutIsRejectedWithTheCause() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Transformer.Spec(2, 2,
                6, 3, OneLayerAttention.Scores.SOFTMAX, OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN,
                Transformer.Activation.GELU, 0, Transformer.Norm.PRE, TokenLayout.PAIR, 1.0, LossConvention.MSE,
                Transformer.LossPositions.ALL_PREFIXES));
        assertEquals(true, e.getMessage().contains("interleaved"), e.getMessage());
    }

    private static PromptBatch batch(int b) {
        return new PromptSampler(new SparseRegressionTask(SparseRegressionTask.Spec.of(D, 2, N, 0.1)),
                new RandomStreams(3), "prefix").sample(0, b);
    }

    /** Prompt {@code p} cut to its first {@code i} examples, with {@code (x_i, y_i)} (or the query) as the query. */
    private static PromptBatch truncated(PromptBatch batch, int p, int i) {
        PromptBatch c = new PromptBatch(1, i, D, 1);
        System.arraycopy(batch.x, batch.xIndex(p, 0), c.x, 0, i * D);
        System.arraycopy(batch.y, batch.yIndex(p, 0), c.y, 0, i);
        if (i < N) {
            System.arraycopy(batch.x, batch.xIndex(p, i), c.xq, 0, D);
            c.yq[0] = batch.y[batch.yIndex(p, i)];
        } else {
            System.arraycopy(batch.xq, p * D, c.xq, 0, D);
            c.yq[0] = batch.yq[p];
        }
        return c;
    }
}
