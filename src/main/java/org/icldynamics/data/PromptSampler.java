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
        return new PromptBatch(b, n, task.d(), task.outputs()).pending(blocksOf(draw, false)).drawAll(parallel);
    }

    /**
     * Batch number {@code draw} written over {@code out} (every entry; its shape is the batch's, its d and outputs
     * the task's), the same bits as {@link #sample(long, int, int, BlockParallel)}: for a caller that reuses one
     * batch's storage every step instead of allocating it.
     */
    public void sampleInto(long draw, PromptBatch out, BlockParallel parallel) {
        pendingInto(draw, out).drawAll(parallel);
    }

    /**
     * Batch number {@code draw} over {@code out}'s storage with every block still to draw: block {@code k} is drawn
     * when {@link PromptBatch#drawBlock}{@code (k)} or {@link PromptBatch#drawAll} first asks for it, the same bits
     * as {@link #sampleInto} on any thread and in any order of blocks. A block is cleared before the task fills it,
     * so a task's {@code fill} may rely on zeros as in a fresh batch, unless the task writes every entry itself.
     *
     * @param out storage only: its values are overwritten as the returned batch's blocks are drawn
     */
    public PromptBatch pendingInto(long draw, PromptBatch out) {
        if (out.d != task.d() || out.outputs != task.outputs()) {
            throw new IllegalArgumentException("batch of d=" + out.d + ", outputs=" + out.outputs + " for a task of d="
                    + task.d() + ", outputs=" + task.outputs());
        }
        return out.pending(blocksOf(draw, !task.writesEveryEntry()));
    }

    /** Draws block {@code k} of batch number {@code draw} from its own stream, zeroing it first when asked. */
    private PromptBatch.BlockDraw blocksOf(long draw, boolean clear) {
        return (batch, from, to, k) -> {
            if (clear) {
                batch.clear(from, to);
            }
            return task.byPrompt(batch, from, to, streams.stream(name, draw, k));
        };
    }

    /** Batch number {@code draw} at the task's own context length, on the calling thread. */
    public PromptBatch sample(long draw, int b) {
        return sample(draw, b, task.n(), BlockParallel.serial());
    }
}
