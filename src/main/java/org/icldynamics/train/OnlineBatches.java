package org.icldynamics.train;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.linalg.BlockParallel;

/**
 * Fresh prompts every step: step {@code s} is draw number {@code s} of the sampler. {@link #reusingBatch} draws them
 * into one storage kept for the whole run; {@link #pendingBatch} leaves them there to draw block by block.
 */
public final class OnlineBatches implements BatchSource {
    private final PromptSampler sampler;
    private final int batchSize;
    private final int n;
    private final BlockParallel parallel;
    private PromptBatch storage;

    /**
     * @param batchSize prompts per step
     * @param n context length
     */
    public OnlineBatches(PromptSampler sampler, int batchSize, int n, BlockParallel parallel) {
        if (batchSize < 1 || n < 0) {
            throw new IllegalArgumentException("online batches need batchSize >= 1 and n >= 0, got " + batchSize
                    + ", " + n);
        }
        this.sampler = sampler;
        this.batchSize = batchSize;
        this.n = n;
        this.parallel = parallel;
    }

    @Override
    public PromptBatch batch(long step) {
        return sampler.sample(step, batchSize, n, parallel);
    }

    @Override
    public PromptBatch reusingBatch(long step) {
        return pendingBatch(step).drawAll(parallel);
    }

    @Override
    public PromptBatch pendingBatch(long step) {
        if (storage == null) {
            storage = new PromptBatch(batchSize, n, sampler.task().d(), sampler.task().outputs());
        }
        return sampler.pendingInto(step, storage);
    }
}
