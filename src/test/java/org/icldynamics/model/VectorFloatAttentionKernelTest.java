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

class VectorFloatAttentionKernelTest {
    /**
     * The float kernel draws each prompt of a batch still to draw right before it reads it (on 2 threads) and gets
     * the bits of the same batch drawn whole first (on 1 thread): loss, both gradients and the predictions, for
     * softmax and linear scores, with and without the query attended, 1, 3, 8 and 9 heads (9: a second group of 8
     * lanes), n = 0, 7 and 41 (odd, not a multiple of 4), d = 5, and b = 150 (a last block shorter than 64).
     * Afterwards drawing the batch whole gives the fresh draw's tokens.
     */
    @Test
    void promptsDrawnAsTheKernelReadsThemGiveTheBitsOfABatchDrawnWhole() {
        int d = 5;
        int b = 150;
        int cases = 0;
        try (BlockParallel two = new BlockParallel(2)) {
            for (KernelShape shape : VectorAttentionKernelTest.shapes(d)) {
                if (shape.outputs() > 1) {
                    continue; // the linear task has one label slot
                }
                for (int n : new int[] {0, 7, 41}) {
                    PromptSampler sampler = new PromptSampler(
                            new LinearRegressionTask(n, Covariance.isotropic(d, 1.0), 0.2, 0.1, 0.1),
                            new RandomStreams(11), "train");
                    PromptBatch whole = sampler.sample(3, b, n, BlockParallel.serial());
                    PromptBatch storage = new PromptBatch(b, n, d, 1);
                    Circuits c = Circuits.random(shape, new SplittableRandom(7L * n + shape.heads()));
                    String where = shape + " n=" + n;
                    Result drawn = Result.of(new VectorFloatAttentionKernel(shape, BlockParallel.serial()), whole, c);
                    AttentionKernel onTwo = new VectorFloatAttentionKernel(shape, two);
                    Result pending = Result.of(onTwo, sampler.pendingInto(3, storage), c);
                    drawn.assertSameBits(pending, where);
                    double[] predicted = new double[b];
                    PromptBatch later = sampler.pendingInto(3, storage);
                    onTwo.predict(later, c.kq(), c.ov(), predicted);
                    assertArrayEquals(drawn.predicted, predicted, where + " predictions of a batch still to draw");
                    later.drawAll(BlockParallel.serial());
                    assertArrayEquals(whole.x, later.x, where);
                    assertArrayEquals(whole.y, later.y, where);
                    assertArrayEquals(whole.xq, later.xq, where);
                    cases++;
                }
            }
        }
        assertTrue(cases >= 36, "cases " + cases);
    }

    /** Loss, gradients and predictions of one kernel on one batch. */
    private record Result(double loss, double[] gkq, double[] gov, double[] predicted) {
        static Result of(AttentionKernel k, PromptBatch batch, Circuits c) {
            double[] gkq = new double[c.kq().length];
            double[] gov = new double[c.ov().length];
            double loss = k.sumSquaredErrorAndGradient(batch, c.kq(), c.ov(), gkq, gov);
            double[] predicted = new double[batch.b];
            k.predict(batch, c.kq(), c.ov(), predicted);
            return new Result(loss, gkq, gov, predicted);
        }

        void assertSameBits(Result other, String where) {
            assertEquals(Double.doubleToLongBits(loss), Double.doubleToLongBits(other.loss), where + " loss");
            assertArrayEquals(gkq, other.gkq, where + " gkq");
            assertArrayEquals(gov, other.gov, where + " gov");
            assertArrayEquals(predicted, other.predicted, where + " predictions");
        }
    }
}
