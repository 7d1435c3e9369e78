package org.icldynamics.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.icldynamics.data.CovarianceSpec;
import org.icldynamics.data.InputCentring;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.MultiTaskRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.data.TaskWhitening;
import org.icldynamics.data.TraceNormalization;
import org.icldynamics.data.TrainingSet;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.AttentionSpecBuilder;
import org.icldynamics.model.OneLayerAttention;
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

    /**
     * Reusing one storage gives every step the bits of a fresh draw, also for a multi-task prompt whose task vectors
     * are zero outside each task's block (the zeros a reused storage must get back), on 2 threads.
     */
    @Test
    void onlineBatchesDrawnIntoReusedStorageHaveTheBitsOfFreshDraws() {
        Task multi = MultiTaskRegressionTask.Spec.contiguousBlocks(6, 2, 9, 0.1).build(STREAMS);
        try (BlockParallel two = new BlockParallel(2)) {
            OnlineBatches src = new OnlineBatches(new PromptSampler(multi, STREAMS, "train"), 150, 9, two);
            PromptBatch previous = null;
            for (long step : new long[] {3, 4, 4, 11}) {
                PromptBatch reused = src.reusingBatch(step);
                PromptBatch fresh = src.batch(step);
                for (double[][] pair : new double[][][] {{reused.x, fresh.x}, {reused.y, fresh.y},
                        {reused.xq, fresh.xq}, {reused.yq, fresh.yq}, {reused.signal, fresh.signal},
                        {reused.w, fresh.w}}) {
                    assertArrayEquals(pair[1], pair[0], "step " + step);
                }
                if (previous != null) { // one storage, a new object every step
                    assertSame(previous.x, reused.x);
                    assertNotSame(previous, reused);
                }
                previous = reused;
            }
        }
    }

    /**
     * A model drawing each block inside its own pass (the token-lane kernel's shape: 2 heads, d 5) gets from a
     * pending online batch the loss and gradient of the fully drawn batch, bit for bit, on 2 threads, step after step
     * over one storage.
     */
    @Test
    void aModelDrawingBlocksInItsPassGetsTheLossAndGradientOfTheDrawnBatch() {
        Task he25 = new LinearRegressionTask.Spec(40, new CovarianceSpec.Isotropic(5, 1, TraceNormalization.NONE),
                0.2, 0.1, 0.1).build(STREAMS);
        try (BlockParallel two = new BlockParallel(2)) {
            OneLayerAttention model = AttentionSpecBuilder.defaults().heads(2).build().build(5, 1, 40, STREAMS, two);
            assertTrue(model.drawsBlocks());
            OnlineBatches src = new OnlineBatches(new PromptSampler(he25, STREAMS, "train"), 200, 40, two);
            TrainingObjective fused = TrainingObjective.of(model, src);
            for (long step : new long[] {0, 1, 7}) {
                double[] want = new double[model.parameters().length];
                double[] got = new double[want.length];
                double loss = model.lossAndGradient(src.batch(step), want);
                assertEquals(loss, fused.lossAndGradient(step, got));
                assertArrayEquals(want, got);
                assertEquals(model.loss(src.batch(step)), fused.loss(step));
            }
        }
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
