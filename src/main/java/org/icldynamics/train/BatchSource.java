package org.icldynamics.train;

import org.icldynamics.data.PromptBatch;

/**
 * The training batch for each step: fresh prompts every step (online) or one fixed set reused every step
 * (full-batch GD). Must be a pure function of the step number so a resumed run sees the same batches.
 */
public interface BatchSource {
    PromptBatch batch(long step);

    /**
     * The same prompts as {@link #batch(long)}, for a caller done with them before its next call: a source may write
     * them over the storage of the batch it returned last time (online batches do, so a training step allocates no
     * prompts). Each call returns a new batch object, so a cache keyed on the object (a model's statistics of the
     * last batch) never mistakes new prompts for old ones.
     */
    default PromptBatch reusingBatch(long step) {
        return batch(step);
    }

    /**
     * The prompts of {@link #reusingBatch}, possibly with blocks still to draw ({@link PromptBatch#drawBlock}): for
     * a model that draws each block right before it reads it ({@link org.icldynamics.model.Model#drawsBlocks}).
     * Online batches leave every block to draw; other sources return {@link #reusingBatch}'s drawn batch.
     */
    default PromptBatch pendingBatch(long step) {
        return reusingBatch(step);
    }
}
