package org.icldynamics.train;

import org.icldynamics.data.PromptBatch;

/**
 * The training batch for each step: fresh prompts every step (online) or one fixed set reused every step
 * (full-batch GD). Must be a pure function of the step number so a resumed run sees the same batches.
 */
public interface BatchSource {
    PromptBatch batch(long step);
}
