package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.BiFunction;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.VectorAttentionKernelTest.Circuits;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fast kernels draw each prompt of a batch still to draw right before they read it
 * ({@code KernelBlocks.Draw.BY_PROMPT}): loss, both gradients and the predictions must be those of the same batch
 * drawn whole first, bit for bit, and the batch must still draw whole to the fresh draw's bits afterwards.
 */
class KernelPromptDrawTest {
    /** The kernels that draw by prompt. */
    enum Fast {
        HEAD_LANE_DOUBLE(VectorAttentionKernel::new),
        HEAD_LANE_FLOAT(VectorFloatAttentionKernel::new),
        PAIRED_FLOAT(PairedFloatAttentionKernel::new),
        TOKEN_LANE(TokenLaneAttentionKernel::new),
        TOKEN_LANE_FLOAT(TokenLaneFloatAttentionKernel::new);

        final BiFunction<KernelShape, BlockParallel, AttentionKernel> make;

        Fast(BiFunction<KernelShape, BlockParallel, AttentionKernel> make) {
            this.make = make;
        }
    }

    /**
     * Every one-output shape of {@link VectorAttentionKernelTest#shapes} at d = 5 (not a multiple of the lanes; head
     * counts 1, 3, 8, 9: one group, pairs and an odd last group of either lane count; softmax and linear; the query
     * attended or not), n = 0, 6 and 33 (attended tokens of every residue mod 4), 150 prompts (a last block of 22), on
     * 2 threads against the whole draw on 1. In every other case block 1 is drawn before the kernel runs, so drawn and
     * still-to-draw blocks meet in one pass.
     */
    @ParameterizedTest
    @EnumSource(Fast.class)
    void promptsDrawnAsTheKernelReadsThemGiveTheBitsOfTheBatchDrawnWhole(Fast kernel) {
        int d = 5;
        int b = 150;
        int cases = 0;
        try (BlockParallel two = new BlockParallel(2)) {
            for (KernelShape shape : VectorAttentionKernelTest.shapes(d)) {
                if (shape.outputs() > 1) {
                    continue; // the linear task has one label slot
                }
                for (int n : new int[] {0, 6, 33}) {
                    PromptSampler sampler = new PromptSampler(
                            new LinearRegressionTask(n, Covariance.isotropic(d, 1.0), 0.3, 0.1, 0.05),
                            new RandomStreams(100 + n), "train");
                    PromptBatch whole = sampler.sample(4, b, n, BlockParallel.serial());
                    Circuits c = Circuits.random(shape, new SplittableRandom(3L * n + shape.heads()));
                    AttentionKernel serial = kernel.make.apply(shape, BlockParallel.serial());
                    AttentionKernel parallel = kernel.make.apply(shape, two);
                    String where = kernel + " " + shape + " n=" + n;
                    PromptBatch storage = new PromptBatch(b, n, d, 1);
                    PromptBatch pending = sampler.pendingInto(4, storage);
                    if (cases % 2 == 1) {
                        pending.drawBlock(1);
                    }
                    Result want = Result.of(serial, whole, c);
                    want.assertSameBits(Result.of(parallel, pending, c), where);
                    PromptBatch again = sampler.pendingInto(4, storage);
                    double[] predicted = new double[b];
                    parallel.predict(again, c.kq(), c.ov(), predicted);
                    assertArrayEquals(want.predicted, predicted, where + " predictions of a batch still to draw");
                    again.drawAll(two);
                    assertArrayEquals(whole.x, again.x, where);
                    assertArrayEquals(whole.y, again.y, where);
                    assertArrayEquals(whole.xq, again.xq, where);
                    assertArrayEquals(whole.yq, again.yq, where);
                    cases++;
                }
            }
        }
        assertEquals(2 * 4 * 3 * 3, cases);
    }

    /** Loss, gradients and predictions of one kernel on one batch (the loss and gradient call first). */
    private record Result(double loss, double[] gkq, double[] gov, double[] predicted) {
        static Result of(AttentionKernel k, PromptBatch batch, Circuits c) {
            double[] gkq = new double[c.kq().length];
            double[] gov = new double[c.ov().length];
            double loss = k.sumSquaredErrorAndGradient(batch, c.kq(), c.ov(), gkq, gov);
            assertTrue(Double.isFinite(loss), "loss " + loss);
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
