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
        int blocks = BlockParallel.blocks(b, RandomStreams.BLOCK);
        parallel.forEach(blocks, k -> {
            int from = k * RandomStreams.BLOCK;
            int to = Math.min(b, from + RandomStreams.BLOCK);
            task.fill(out, from, to, streams.stream(name, draw, k));
        });
        return out;
    }

    /** Batch number {@code draw} at the task's own context length, on the calling thread. */
    public PromptBatch sample(long draw, int b) {
        return sample(draw, b, task.n(), BlockParallel.serial());
    }
}
