package org.icldynamics.experiment;

import java.util.List;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.Model;
import org.icldynamics.train.BatchSource;
import org.icldynamics.train.Optimizer;
import org.icldynamics.train.TrainPlan;
import org.icldynamics.train.TrainingObjective;

/**
 * Everything a run trains with, built from an {@link ExperimentSpec} by {@link ExperimentFactory}.
 *
 * @param optimizer the stepping optimizer; null for gradient flow ({@code train.optimizer: flow})
 * @param batches the training batches; null for {@code train.data: population}
 * @param evalSet the held-out prompts, fixed for the whole run
 * @param parallel the kernels' thread pool, closed with these parts
 * @param extraEvals further held-out sets evaluated with {@code evalSet}, one metrics column each (in order)
 * @param objective the loss training descends: the batches' loss, or the exact population loss
 */
public record ExperimentParts(Model model, Optimizer optimizer, BatchSource batches, PromptBatch evalSet,
                              TrainPlan plan, BlockParallel parallel, List<ExtraEvaluation> extraEvals,
                              TrainingObjective objective)
        implements AutoCloseable {
    /** A held-out set with its {@code metrics.csv} column name; prompts not modified. */
    public record ExtraEvaluation(String column, PromptBatch prompts) {
    }

    public ExperimentParts {
        extraEvals = List.copyOf(extraEvals);
        java.util.Objects.requireNonNull(objective, "objective");
    }

    /** Parts whose training loss is the loss of {@code batches}. */
    public ExperimentParts(Model model, Optimizer optimizer, BatchSource batches, PromptBatch evalSet, TrainPlan plan,
                           BlockParallel parallel, List<ExtraEvaluation> extraEvals) {
        this(model, optimizer, batches, evalSet, plan, parallel, extraEvals, TrainingObjective.of(model, batches));
    }

    /** Parts without extra evaluation sets. */
    public ExperimentParts(Model model, Optimizer optimizer, BatchSource batches, PromptBatch evalSet, TrainPlan plan,
                           BlockParallel parallel) {
        this(model, optimizer, batches, evalSet, plan, parallel, List.of());
    }

    @Override
    public void close() {
        parallel.close();
    }
}
