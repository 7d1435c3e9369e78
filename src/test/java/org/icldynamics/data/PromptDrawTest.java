package org.icldynamics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;

class PromptDrawTest {
    /** Diagonal factors (identity, scaled, uneven) and a rotated one, which copies its tokens from the batch. */
    private static Covariance[] covariances(int d) {
        double[] eig = new double[d];
        for (int i = 0; i < d; i++) {
            eig[i] = 0.5 + i;
        }
        return new Covariance[] {Covariance.isotropic(d, 1.0), Covariance.isotropic(d, 0.7),
            Covariance.fromEigen(eig, Covariance.identity(d)),
            Covariance.fromEigen(eig, Covariance.randomOrthogonal(d, new SplittableRandom(d)))};
    }

    /**
     * Prompts drawn one at a time straight into padded tokens equal, bit for bit and padding included, the tokens
     * copied from a batch drawn whole: n = 0, 1, odd, not a multiple of 4 and past several vectors; d below, at and
     * past a vector's lanes, and multiples of 4 and 8 (the batch drawn whole takes {@link DiagonalTokenLanes} there,
     * the tokens the scalar loop); the query attended or not; 1, 4 and 8 lanes; a last block shorter than 64. The batch's
     * w, x_q, y_q and signal are the fresh draw's at once; its x and y after drawAll.
     */
    @Test
    void promptsDrawnIntoTokensEqualTheTokensOfABatchDrawnWhole() {
        int cases = 0;
        for (int d : new int[] {1, 3, 4, 5, 8, 9, 12, 16}) {
            for (Covariance cov : covariances(d)) {
                for (int n : new int[] {0, 1, 3, 7, 19, 40}) {
                    for (int lanes : new int[] {1, 4, 8}) {
                        for (boolean query : new boolean[] {false, true}) {
                            LinearRegressionTask task = new LinearRegressionTask(n, cov, 1.0 / d, 0.1, 0.2);
                            checkAgainstWholeDraw(task, 70, n, query ? n + 1 : n, lanes);
                            cases++;
                        }
                    }
                }
            }
        }
        assertTrue(cases >= 600, "cases " + cases);
    }

    /** A task that draws whole blocks (the default {@link Task#byPrompt}) gives the copied tokens too. */
    @Test
    void aTaskDrawingWholeBlocksGivesTheCopiedTokens() {
        Task multi = MultiTaskRegressionTask.Spec.contiguousBlocks(6, 2, 7, 0.1).build(new RandomStreams(3));
        for (boolean query : new boolean[] {false, true}) {
            checkAgainstWholeDraw(multi, 130, 7, query ? 8 : 7, 4);
        }
    }

    private static void checkAgainstWholeDraw(Task task, int b, int n, int attended, int lanes) {
        PromptSampler s = new PromptSampler(task, new RandomStreams(11), "train");
        PromptBatch fresh = s.sample(3, b, n, BlockParallel.serial());
        PromptBatch storage = new PromptBatch(b, n, task.d(), task.outputs());
        for (double[] a : new double[][] {storage.x, storage.y, storage.xq, storage.yq, storage.signal, storage.w}) {
            Arrays.fill(a, Double.NaN);
        }
        PromptBatch pending = s.pendingInto(3, storage);
        PaddedTokens got = new PaddedTokens(n, attended, task.d(), task.outputs(), lanes);
        PaddedTokens want = new PaddedTokens(n, attended, task.d(), task.outputs(), lanes);
        String where = task + " b=" + b + " n=" + n + " attended=" + attended + " lanes=" + lanes;
        for (int k = pending.blocks() - 1; k >= 0; k--) {
            PromptDraw prompts = pending.prompts(k);
            for (int p = k * RandomStreams.BLOCK; p < Math.min(b, (k + 1) * RandomStreams.BLOCK); p++) {
                prompts.next(got);
                want.copy(fresh, p);
                assertArrayEquals(want.rows, got.rows, where + " rows of prompt " + p);
                assertArrayEquals(want.columns, got.columns, where + " columns of prompt " + p);
            }
        }
        assertArrayEquals(fresh.w, pending.w, where);
        assertArrayEquals(fresh.xq, pending.xq, where);
        assertArrayEquals(fresh.yq, pending.yq, where);
        assertArrayEquals(fresh.signal, pending.signal, where);
        pending.drawAll(BlockParallel.serial());
        assertArrayEquals(fresh.x, pending.x, where + " x after drawAll");
        assertArrayEquals(fresh.y, pending.y, where + " y after drawAll");
    }

    /**
     * The copy puts token l's coordinate i at rows[l Dp + i] and columns[i mp + l], the query (x_q ; 0) last when
     * attended, and zeros everywhere else.
     */
    @Test
    void copiedTokensHaveTheDocumentedLayoutAndZeroPadding() {
        int d = 3;
        int n = 5;
        PromptBatch batch = new PromptSampler(new LinearRegressionTask(n, Covariance.isotropic(d, 1.0), 1, 0.1, 0),
                new RandomStreams(2), "t").sample(0, 4);
        for (int attended : new int[] {n, n + 1}) {
            PaddedTokens t = new PaddedTokens(n, attended, d, 1, 4);
            assertEquals(4, t.rowStride);
            assertEquals(8, t.columnStride);
            t.copy(batch, 2);
            double[] rows = new double[attended * 4];
            double[] cols = new double[4 * 8];
            for (int l = 0; l < attended; l++) {
                for (int i = 0; i <= d; i++) {
                    double v = l == n ? (i < d ? batch.xq[2 * d + i] : 0.0)
                            : i < d ? batch.x[batch.xIndex(2, l) + i] : batch.y[batch.yIndex(2, l)];
                    rows[l * 4 + i] = v;
                    cols[i * 8 + l] = v;
                }
            }
            assertArrayEquals(rows, t.rows);
            assertArrayEquals(cols, t.columns);
        }
    }

    @Test
    void aBlockHandsOutEachPromptOnceAndTokensMustMatchTheBatch() {
        PromptSampler s = new PromptSampler(new LinearRegressionTask(4, Covariance.isotropic(2, 1.0), 1, 0, 0),
                new RandomStreams(5), "t");
        PromptBatch pending = s.pendingInto(0, new PromptBatch(3, 4, 2, 1));
        PromptDraw prompts = pending.prompts(0);
        assertThrows(IllegalArgumentException.class, () -> prompts.next(new PaddedTokens(5, 5, 2, 1, 4)));
        for (int p = 0; p < 3; p++) {
            prompts.next(new PaddedTokens(4, 4, 2, 1, 4));
        }
        assertThrows(IllegalStateException.class, () -> prompts.next(null));
        assertThrows(IllegalArgumentException.class, () -> new PaddedTokens(4, 6, 2, 1, 4));
    }
}
