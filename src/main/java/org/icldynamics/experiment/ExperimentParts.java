package org.icldynamics.experiment;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.Model;
import org.icldynamics.train.BatchSource;
import org.icldynamics.train.Optimizer;
import org.icldynamics.train.TrainPlan;

/**
 * Everything a run trains with, built from an {@link ExperimentSpec} by {@link ExperimentFactory}.
 *
 * @param optimizer the stepping optimizer; null for gradient flow ({@code train.optimizer: flow})
 * @param evalSet the held-out prompts, fixed for the whole run
 * @param parallel the kernels' thread pool, closed with these parts
 */
public record ExperimentParts(Model model, Optimizer optimizer, BatchSource batches, PromptBatch evalSet,
                              TrainPlan plan, BlockParallel parallel) implements AutoCloseable {
    @Override
    public void close() {
        parallel.close();
    }
}
