package org.icldynamics.data;

import org.icldynamics.linalg.BlockParallel;

/**
 * Draws batches from a {@link Task} with one named stream per fixed block of {@link RandomStreams#BLOCK} prompts:
 * draw {@code t}, block {@code k} always reads {@code stream(name, t, k)}, so a batch is the same on any number of
 * threads and can be redrawn after a resume from its draw number alone.
 */
public final class PromptSampler {
    private final Task task;
    private final RandomStreams streams;
    private final String name;

    public PromptSampler(Task task, RandomStreams streams, String name) {
        this.task = task;
        this.streams = streams;
        this.name = name;
    }

    public Task task() {
        return task;
    }

    /** Batch number {@code draw} with {@code b} prompts of context length {@code n}. */
    public PromptBatch sample(long draw, int b, int n, BlockParallel parallel) {
        PromptBatch out = new PromptBatch(b, n, task.d(), task.outputs());
        fill(draw, out, false, parallel);
        return out;
    }

    /**
     * Batch number {@code draw} written over {@code out} (every entry; its shape is the batch's, its d and outputs
     * the task's), the same bits as {@link #sample(long, int, int, BlockParallel)}: for a caller that reuses one
     * batch's storage every step instead of allocating it. Each block clears its own prompts first, so a task's
     * {@code fill} may rely on zeros as in a fresh batch.
     */
    public void sampleInto(long draw, PromptBatch out, BlockParallel parallel) {
        if (out.d != task.d() || out.outputs != task.outputs()) {
            throw new IllegalArgumentException("batch of d=" + out.d + ", outputs=" + out.outputs + " for a task of d="
                    + task.d() + ", outputs=" + task.outputs());
        }
        fill(draw, out, true, parallel);
    }

    private void fill(long draw, PromptBatch out, boolean clear, BlockParallel parallel) {
        int blocks = BlockParallel.blocks(out.b, RandomStreams.BLOCK);
        parallel.forEach(blocks, k -> {
            int from = k * RandomStreams.BLOCK;
            int to = Math.min(out.b, from + RandomStreams.BLOCK);
            if (clear) {
                out.clear(from, to);
            }
            task.fill(out, from, to, streams.stream(name, draw, k));
        });
    }

    /** Batch number {@code draw} at the task's own context length, on the calling thread. */
    public PromptBatch sample(long draw, int b) {
        return sample(draw, b, task.n(), BlockParallel.serial());
    }
}
