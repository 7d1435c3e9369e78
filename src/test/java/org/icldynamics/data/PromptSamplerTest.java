package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;

class PromptSamplerTest {
    private final Task task = new LinearRegressionTask(7, Covariance.isotropic(3, 1.0), 1.0, 0.1, 0.0);

    @Test
    void sameBitsOnOneAndTwoThreads() {
        PromptSampler s = new PromptSampler(task, new RandomStreams(42), "train");
        try (BlockParallel two = new BlockParallel(2)) {
            PromptBatch a = s.sample(5, 200, 7, BlockParallel.serial());
            PromptBatch b = s.sample(5, 200, 7, two);
            assertArrayEquals(a.x, b.x);
            assertArrayEquals(a.y, b.y);
            assertArrayEquals(a.yq, b.yq);
        }
    }

    @Test
    void noiselessQueryTargetEqualsSignalAndPrefixKeepsQueries() {
        PromptBatch a = new PromptSampler(task, new RandomStreams(1), "t").sample(0, 10);
        assertArrayEquals(a.signal, a.yq);
        double s = 0;
        for (int j = 0; j < 3; j++) {
            s += a.w[j] * a.xq[j];
        }
        assertEquals(s, a.signal[0], 1e-15);
        PromptBatch p = a.prefix(2);
        assertEquals(2, p.n);
        assertArrayEquals(a.xq, p.xq);
        assertEquals(a.x[a.xIndex(3, 1) + 2], p.x[p.xIndex(3, 1) + 2]);
    }

    /**
     * A batch left to draw block by block over stale storage (NaN everywhere) has a fresh draw's bits in all six
     * arrays, whatever order its blocks are drawn in: the linear task writes every entry itself (no clear), the
     * multi-task task gets the zeros of a cleared block. Drawing a block twice changes nothing.
     */
    @Test
    void blocksDrawnOnDemandOverStaleStorageHaveTheBitsOfAFreshDraw() {
        Task multi = MultiTaskRegressionTask.Spec.contiguousBlocks(6, 2, 7, 0.1).build(new RandomStreams(3));
        for (Task t : new Task[] {task, multi}) {
            PromptSampler s = new PromptSampler(t, new RandomStreams(42), "train");
            PromptBatch fresh = s.sample(9, 200, 7, BlockParallel.serial());
            PromptBatch storage = new PromptBatch(200, 7, t.d(), t.outputs());
            for (double[] a : arrays(storage)) {
                Arrays.fill(a, Double.NaN);
            }
            PromptBatch pending = s.pendingInto(9, storage);
            assertEquals(4, pending.blocks());
            for (int k = pending.blocks() - 1; k >= 0; k--) {
                pending.drawBlock(k);
            }
            pending.drawAll(BlockParallel.serial());
            double first = storage.x[0];
            storage.x[0] = 5.0; // a block drawn already is not drawn again
            pending.drawBlock(0);
            assertEquals(5.0, storage.x[0]);
            storage.x[0] = first;
            double[][] got = arrays(pending);
            double[][] want = arrays(fresh);
            for (int i = 0; i < got.length; i++) {
                assertArrayEquals(want[i], got[i], t.getClass().getSimpleName() + " array " + i);
            }
            assertEquals(!(t instanceof MultiTaskRegressionTask), t.writesEveryEntry());
        }
    }

    @Test
    void aBatchWithBlocksStillToDrawCannotBeCopied() {
        PromptSampler s = new PromptSampler(task, new RandomStreams(42), "train");
        PromptBatch pending = s.pendingInto(0, new PromptBatch(100, 7, 3, 1));
        pending.drawBlock(0);
        assertThrows(IllegalStateException.class, () -> pending.slice(0, 10));
        assertThrows(IllegalStateException.class, () -> pending.prefix(3));
        pending.drawAll(BlockParallel.serial());
        assertEquals(10, pending.slice(0, 10).b);
    }

    private static double[][] arrays(PromptBatch b) {
        return new double[][] {b.x, b.y, b.xq, b.yq, b.signal, b.w};
    }
}
