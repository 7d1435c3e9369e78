package org.icldynamics.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.icldynamics.data.CovarianceSpec;
import org.icldynamics.data.InputCentring;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.data.TaskWhitening;
import org.icldynamics.data.TraceNormalization;
import org.icldynamics.data.TrainingSet;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;

class BatchSourceTest {
    private static final RandomStreams STREAMS = new RandomStreams(3);
    private static final Task TASK = new LinearRegressionTask.Spec(5,
            new CovarianceSpec.Isotropic(3, 1, TraceNormalization.NONE), 1, 0, 0).build(STREAMS);
    private static final TrainingSet SET = TrainingSet.draw(TASK,
            new TrainingSet.Spec(103, InputCentring.NONE, TaskWhitening.NONE), STREAMS, BlockParallel.serial());

    @Test
    void onlineBatchesAreFreshDrawsIndexedByStep() {
        OnlineBatches src = new OnlineBatches(new PromptSampler(TASK, STREAMS, "train"), 70, 5,
                BlockParallel.serial());
        assertArrayEquals(src.batch(4).x, src.batch(4).x);
        assertFalse(Arrays.equals(src.batch(4).x, src.batch(5).x));
        assertArrayEquals(new PromptSampler(TASK, STREAMS, "train").sample(4, 70).y, src.batch(4).y);
    }

    @Test
    void fullBatchIsTheSameSetEveryStep() {
        FullBatch src = new FullBatch(SET);
        assertSame(SET.batch(), src.batch(0));
        assertSame(SET.batch(), src.batch(999));
    }

    /** Every epoch visits each prompt at most once (all but the dropped remainder), in a new order. */
    @Test
    void minibatchesVisitEveryPromptOncePerEpochInASeededOrder() {
        MinibatchSource src = new MinibatchSource(SET, 10, STREAMS);
        assertEquals(10, src.batchesPerEpoch());
        for (int epoch = 0; epoch < 3; epoch++) {
            int[] seen = new int[SET.size()];
            for (int k = 0; k < 10; k++) {
                PromptBatch b = src.batch(epoch * 10L + k);
                assertEquals(10, b.b);
                for (int r = 0; r < b.b; r++) {
                    seen[indexOf(b, r)]++;
                }
            }
            int visited = 0;
            for (int c : seen) {
                assertEquals(true, c <= 1);
                visited += c;
            }
            assertEquals(100, visited);
        }
        assertFalse(Arrays.equals(src.permutation(0), src.permutation(1)));
        int[] sorted = src.permutation(2);
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            assertEquals(i, sorted[i]);
        }
    }

    @Test
    void minibatchIsAPureFunctionOfTheStep() {
        MinibatchSource a = new MinibatchSource(SET, 10, STREAMS);
        PromptBatch first = a.batch(23);
        a.batch(0);
        a.batch(57);
        assertArrayEquals(first.x, a.batch(23).x);
        assertArrayEquals(first.x, new MinibatchSource(SET, 10, STREAMS).batch(23).x);
    }

    private static int indexOf(PromptBatch b, int r) {
        PromptBatch all = SET.batch();
        for (int p = 0; p < all.b; p++) {
            if (Arrays.equals(Arrays.copyOfRange(all.x, p * 15, p * 15 + 15), Arrays.copyOfRange(b.x, r * 15, r * 15 + 15))) {
                return p;
            }
        }
        throw new AssertionError("prompt not in the set");
    }
}
