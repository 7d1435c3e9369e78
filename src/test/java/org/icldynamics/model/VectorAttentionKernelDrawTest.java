package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.VectorAttentionKernelTest.Circuits;
import org.junit.jupiter.api.Test;

/**
 * The double head-lane kernel draws each prompt of a batch still to draw right before it reads it
 * ({@code KernelBlocks.Draw.BY_PROMPT}): its loss, gradients and predictions must be those of the same batch drawn
 * whole first, bit for bit, and the batch must still draw whole to the fresh draw's bits afterwards.
 */
class VectorAttentionKernelDrawTest {
    /**
     * Every shape of {@link VectorAttentionKernelTest#shapes} with one output on d = 5 (head counts 1, 3, 8, 9: one
     * group, pairs and an odd last group; softmax and linear; query attended or not), n = 0, 6 and 33 (m mod 4 of 0,
     * 2, 1 and 2), 150 prompts (a last block of 22), on 2 threads against 1; in every other case block 1 is drawn
     * before the kernel runs, so drawn and still-to-draw blocks meet in one pass.
     */
    @Test
    void promptsDrawnByTheKernelGiveTheBitsOfTheBatchDrawnFirst() {
        int d = 5;
        int b = 150;
        int cases = 0;
        try (BlockParallel two = new BlockParallel(2)) {
            for (KernelShape shape : VectorAttentionKernelTest.shapes(d)) {
                if (shape.outputs() > 1) {
                    continue;
                }
                for (int n : new int[] {0, 6, 33}) {
                    PromptSampler sampler = new PromptSampler(
                            new LinearRegressionTask(n, Covariance.isotropic(d, 1.0), 0.3, 0.1, 0.05),
                            new RandomStreams(100 + n), "train");
                    PromptBatch whole = sampler.sample(4, b, n, BlockParallel.serial());
                    Circuits c = Circuits.random(shape, new SplittableRandom(3L * n + shape.heads()));
                    AttentionKernel serial = new VectorAttentionKernel(shape, BlockParallel.serial());
                    AttentionKernel parallel = new VectorAttentionKernel(shape, two);
                    double[][] want = lossAndGradients(serial, whole, c);
                    PromptBatch storage = new PromptBatch(b, n, d, 1);
                    PromptBatch pending = sampler.pendingInto(4, storage);
                    if (cases % 2 == 1) {
                        pending.drawBlock(1);
                    }
                    double[][] got = lossAndGradients(parallel, pending, c);
                    String where = shape + " n=" + n;
                    for (int k = 0; k < want.length; k++) {
                        assertArrayEquals(want[k], got[k], where);
                    }
                    double[] predicted = new double[b];
                    double[] predictedPending = new double[b];
                    serial.predict(whole, c.kq(), c.ov(), predicted);
                    PromptBatch again = sampler.pendingInto(4, storage);
                    parallel.predict(again, c.kq(), c.ov(), predictedPending);
                    assertArrayEquals(predicted, predictedPending, where);
                    again.drawAll(two);
                    assertArrayEquals(whole.x, again.x, where);
                    assertArrayEquals(whole.y, again.y, where);
                    assertArrayEquals(whole.yq, again.yq, where);
                    cases++;
                }
            }
        }
        assertEquals(2 * 4 * 3 * 3, cases);
    }

    /** {loss}, the key-query gradient and the value-output gradient of one call (bits compared exactly). */
    private static double[][] lossAndGradients(AttentionKernel kernel, PromptBatch batch, Circuits c) {
        double[] gkq = new double[c.kq().length];
        double[] gov = new double[c.ov().length];
        double loss = kernel.sumSquaredErrorAndGradient(batch, c.kq(), c.ov(), gkq, gov);
        assertTrue(Double.isFinite(loss), "loss " + loss);
        return new double[][] {{loss}, gkq, gov};
    }
}
