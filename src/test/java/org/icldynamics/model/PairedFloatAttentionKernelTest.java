package org.icldynamics.model;

import static org.icldynamics.model.VectorAttentionKernelTest.results;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.icldynamics.model.VectorAttentionKernelTest.Circuits;
import org.junit.jupiter.api.Test;

/**
 * The two-prompts-per-vector float kernel against the reference (to float accuracy) and against the 8-lane float
 * kernel (bit for bit: each lane runs that kernel's arithmetic), on shapes with ragged edges: head counts 1, 3, 8, 9
 * (a group of 8 padded, or a second group of one), odd prompt counts (a block's lone last prompt), token counts not a
 * multiple of 4 or 16, token widths 4, 9 (W's nine-wide sums) and 17 (W with d doubled).
 */
class PairedFloatAttentionKernelTest {
    @Test
    void agreesWithReferenceToFloatTolerance() {
        for (KernelShape shape : VectorAttentionKernelTest.shapes(3)) {
            for (int n : new int[] {0, 1, 2, 3, 9}) {
                VectorAttentionKernelTest.compare(shape, n, 71,
                        new PairedFloatAttentionKernel(shape, BlockParallel.serial()), 2e-5, 1e-4);
            }
        }
        for (int d : new int[] {8, 11, 16}) {
            for (QueryAttention qa : QueryAttention.values()) {
                for (Scores scores : Scores.values()) {
                    KernelShape shape = new KernelShape(8, d, 1, scores, Normalisation.BY_CONTEXT_LENGTH, qa);
                    for (int n : new int[] {1, 17, 32}) {
                        VectorAttentionKernelTest.compare(shape, n, 67,
                                new PairedFloatAttentionKernel(shape, BlockParallel.serial()), 2e-5, 1e-4);
                    }
                }
            }
        }
    }

    @Test
    void equalsTheEightLaneFloatKernelBitForBit() {
        int cases = 0;
        for (int d : new int[] {3, 8, 11, 16}) {
            for (QueryAttention qa : QueryAttention.values()) {
                for (Scores scores : Scores.values()) {
                    for (int heads : new int[] {1, 3, 8, 9}) {
                        for (int outputs : new int[] {1, 2}) {
                            KernelShape shape = new KernelShape(heads, d, outputs, scores,
                                    scores == Scores.LINEAR ? Normalisation.BY_CONTEXT_LENGTH : Normalisation.NONE,
                                    qa);
                            for (int[] nb : new int[][] {{0, 3}, {5, 1}, {17, 65}, {32, 130}, {33, 129}}) {
                                sameBits(shape, nb[0], nb[1]);
                                cases++;
                            }
                        }
                    }
                }
            }
        }
        assertEquals(640, cases);
    }

    @Test
    void resultsAreBitIdenticalOnOneAndTwoThreads() {
        KernelShape shape = new KernelShape(8, 8, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        PromptBatch batch = VectorAttentionKernelTest.batch(8, 1, 32, 301, 3);
        Circuits c = Circuits.random(shape, new SplittableRandom(5));
        try (BlockParallel two = new BlockParallel(2)) {
            double[][] one = results(new PairedFloatAttentionKernel(shape, BlockParallel.serial()), batch, c);
            double[][] both = results(new PairedFloatAttentionKernel(shape, two), batch, c);
            for (int i = 0; i < one.length; i++) {
                assertArrayEquals(one[i], both[i]);
            }
        }
    }

    @Test
    void factoryChoosesItWhereVectorsHoldSixteenFloats() {
        KernelShape shape = new KernelShape(8, 8, 1, Scores.SOFTMAX, Normalisation.NONE, QueryAttention.EXCLUDED);
        AttentionKernel k = AttentionKernels.create(shape, OneLayerAttention.Precision.FLOAT, BlockParallel.serial());
        assertTrue((PairedFloatAttentionKernel.suits() ? PairedFloatAttentionKernel.class
                : VectorFloatAttentionKernel.class).isInstance(k));
    }

    @Test
    void tokensPackBothPromptsRoundedToFloat() {
        for (int d : new int[] {3, 8, 11, 17}) {
            for (QueryAttention qa : QueryAttention.values()) {
                KernelShape shape = new KernelShape(8, d, 2, Scores.SOFTMAX, Normalisation.NONE, qa);
                PromptBatch batch = VectorAttentionKernelTest.batch(d, 2, 5, 3, 40 + d);
                int dd = shape.tokenWidth();
                int m = KernelPacking.attendedCount(shape, 5);
                for (int p = 0; p < batch.b; p += 2) {
                    boolean lone = p + 1 == batch.b;
                    long[] z = new long[m * dd];
                    long[] xq = new long[d];
                    PairedFloatTokens.fill(shape, batch, p, lone, z, xq);
                    for (int k = 0; k < 2; k++) {
                        float[] zf = new float[m * dd];
                        float[] xqf = new float[d];
                        if (!(lone && k == 1)) {
                            VectorTokens.fill(shape, batch, p + k, zf, xqf);
                        }
                        for (int i = 0; i < m * dd; i++) {
                            assertEquals(Float.floatToRawIntBits(zf[i]),
                                    Float.floatToRawIntBits(PairedFloatTokens.unpack(z[i], k)));
                        }
                        for (int j = 0; j < d; j++) {
                            assertEquals(Float.floatToRawIntBits(xqf[j]),
                                    Float.floatToRawIntBits(PairedFloatTokens.unpack(xq[j], k)));
                        }
                    }
                }
            }
        }
    }

    private static void sameBits(KernelShape shape, int n, int b) {
        PromptBatch batch = VectorAttentionKernelTest.batch(shape.d(), shape.outputs(), n, b, 11 + n);
        Circuits c = Circuits.random(shape, new SplittableRandom(7L * shape.heads() + n));
        double[][] want = results(new VectorFloatAttentionKernel(shape, BlockParallel.serial()), batch, c);
        double[][] got = results(new PairedFloatAttentionKernel(shape, BlockParallel.serial()), batch, c);
        String where = shape + " n=" + n + " b=" + b;
        assertEquals(Double.doubleToRawLongBits(want[0][0]), Double.doubleToRawLongBits(got[0][0]), where);
        for (int i = 1; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                assertEquals(Double.doubleToRawLongBits(want[i][j]), Double.doubleToRawLongBits(got[i][j]),
                        where + " array " + i + " entry " + j);
            }
        }
    }
}
