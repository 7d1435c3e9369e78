package org.icldynamics.train;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;

/**
 * Fresh sparse-regression prompts every step under a curriculum (Garg et al. 2022): step {@code s} is draw number
 * {@code s} of the stream {@code name}, with {@code schedule.d(s)} active coordinates (the rest zero) and
 * {@code schedule.n(s)} examples. The step alone fixes the stage, so the batches are the same on any thread count and
 * after a resume; at full d and n a step's batch is bit for bit {@link OnlineBatches}'s.
 */
public final class CurriculumBatches implements BatchSource {
    /** Active dimension and context length of each step. */
    public interface Schedule {
        int d(long step);

        int n(long step);
    }

    private final PromptSampler[] byActiveD;
    private final Schedule schedule;
    private final int batchSize;
    private final BlockParallel parallel;

    public CurriculumBatches(SparseRegressionTask task, RandomStreams streams, String name, Schedule schedule,
                             int batchSize, BlockParallel parallel) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("curriculum batches need batchSize >= 1, got " + batchSize);
        }
        this.byActiveD = new PromptSampler[task.d() + 1];
        for (int a = task.s(); a <= task.d(); a++) {
            byActiveD[a] = new PromptSampler(task.withActiveDimensions(a), streams, name);
        }
        this.schedule = schedule;
        this.batchSize = batchSize;
        this.parallel = parallel;
    }

    @Override
    public PromptBatch batch(long step) {
        return byActiveD[schedule.d(step)].sample(step, batchSize, schedule.n(step), parallel);
    }
}
