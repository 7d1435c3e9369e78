package org.icldynamics.model;

import java.util.Arrays;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * The block driver shared by the {@link AttentionKernel}s: splits a batch into fixed blocks of
 * {@link RandomStreams#BLOCK} prompts, runs a kernel's per-block pass on {@link BlockParallel}, gives each block its
 * own partial loss and gradient, and sums the partials in block order, so results are bit-identical on any number of
 * threads. The kernels supply only the per-block compute, in whatever packed layout they use. A block's prompts are
 * drawn ({@link PromptBatch#drawBlock}) right before its compute, on the same thread, when the batch came with its
 * prompts still to draw: sampling and the kernel then share one pass over the blocks and the block is still in cache.
 * A kernel that reads the prompts one at a time may draw each itself instead ({@link Draw#BY_PROMPT}).
 */
final class KernelBlocks {
    private KernelBlocks() {
    }

    /** Who makes a block's prompts hold their values before the kernel reads them. */
    enum Draw {
        /** The driver, the whole block ({@link PromptBatch#drawBlock}) right before the block's compute. */
        WHOLE_BLOCK,
        /** The kernel, one prompt at a time as it reads them ({@link PromptBatch#prompts}). */
        BY_PROMPT
    }

    /** Forward pass over prompts {@code [from, to)}, writing predictions. */
    @FunctionalInterface
    interface PredictBlock {
        void run(int from, int to);
    }

    /**
     * Forward and backward pass over prompts {@code [from, to)}.
     *
     * @param <G> the partial-gradient array type ({@code double[]} or {@code float[]})
     */
    @FunctionalInterface
    interface GradientBlock<G> {
        /**
         * @param pkq the block's key-query partial, zero on entry; the block's gradient is added
         * @param pov the block's value-output partial, zero on entry; the block's gradient is added
         * @return the block's sum of squared errors
         */
        double run(int from, int to, G pkq, G pov);
    }

    /** How a kernel stores its per-block partial gradients and adds them into the double totals. */
    interface Partials<G> {
        G allocate(int length);

        /** @param acc overwritten: {@code acc[i] += partial[i]} for every i (partial not modified) */
        void addTo(double[] acc, G partial);
    }

    /** Double partials. */
    static final Partials<double[]> DOUBLE = new Partials<>() {
        @Override
        public double[] allocate(int length) {
            return new double[length];
        }

        @Override
        public void addTo(double[] acc, double[] partial) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] += partial[i];
            }
        }
    };

    /** Float partials, widened to double when summed. */
    static final Partials<float[]> FLOAT = new Partials<>() {
        @Override
        public float[] allocate(int length) {
            return new float[length];
        }

        @Override
        public void addTo(double[] acc, float[] partial) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] += partial[i];
            }
        }
    };

    /**
     * Runs {@code block} on every block of the batch and reduces in block order.
     *
     * @param accKq any length L1, overwritten with the block-order sum of the key-query partials (each of length L1)
     * @param accOv any length L2, overwritten with the block-order sum of the value-output partials (length L2)
     * @return the block-order sum of the blocks' squared errors
     */
    static <G> double sumSquaredErrorAndGradient(PromptBatch batch, BlockParallel parallel, Partials<G> partials,
                                                 double[] accKq, double[] accOv, GradientBlock<G> block) {
        return sumSquaredErrorAndGradient(batch, parallel, Draw.WHOLE_BLOCK, partials, accKq, accOv, block);
    }

    /** As above, with the block's prompts drawn as {@code draw} says. */
    static <G> double sumSquaredErrorAndGradient(PromptBatch batch, BlockParallel parallel, Draw draw,
                                                 Partials<G> partials, double[] accKq, double[] accOv,
                                                 GradientBlock<G> block) {
        int blocks = BlockParallel.blocks(batch.b, RandomStreams.BLOCK);
        double[] loss = new double[blocks];
        @SuppressWarnings("unchecked")
        G[] pkq = (G[]) new Object[blocks];
        @SuppressWarnings("unchecked")
        G[] pov = (G[]) new Object[blocks];
        parallel.forEach(blocks, k -> {
            pkq[k] = partials.allocate(accKq.length);
            pov[k] = partials.allocate(accOv.length);
            if (draw == Draw.WHOLE_BLOCK) {
                batch.drawBlock(k);
            }
            int from = k * RandomStreams.BLOCK;
            loss[k] = block.run(from, Math.min(batch.b, from + RandomStreams.BLOCK), pkq[k], pov[k]);
        });
        Arrays.fill(accKq, 0.0);
        Arrays.fill(accOv, 0.0);
        double total = 0.0;
        for (int k = 0; k < blocks; k++) { // reduce in block order
            total += loss[k];
            partials.addTo(accKq, pkq[k]);
            partials.addTo(accOv, pov[k]);
        }
        return total;
    }

    /** Runs {@code block} on every block of the batch (blocks write disjoint rows of the output). */
    static void predict(PromptBatch batch, BlockParallel parallel, PredictBlock block) {
        predict(batch, parallel, Draw.WHOLE_BLOCK, block);
    }

    /** As above, with the block's prompts drawn as {@code draw} says. */
    static void predict(PromptBatch batch, BlockParallel parallel, Draw draw, PredictBlock block) {
        int blocks = BlockParallel.blocks(batch.b, RandomStreams.BLOCK);
        parallel.forEach(blocks, k -> {
            if (draw == Draw.WHOLE_BLOCK) {
                batch.drawBlock(k);
            }
            int from = k * RandomStreams.BLOCK;
            block.run(from, Math.min(batch.b, from + RandomStreams.BLOCK));
        });
    }
}
