package org.icldynamics.train;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.model.Model;

/**
 * The loss a run descends, evaluated at the model's current parameters: the loss of a step's batch (online, fixed or
 * minibatch data), or an exact expectation with no prompts at all (population data). Like a {@link BatchSource} it
 * must be a pure function of the step and the parameters, so a resumed run continues bit for bit.
 */
public interface TrainingObjective {
    /**
     * @param grad overwritten with the gradient, same length as the model's parameters
     * @return the training loss at step {@code step}
     */
    double lossAndGradient(long step, double[] grad);

    /** The training loss at step {@code step} without the gradient. */
    double loss(long step);

    /**
     * The loss of {@code batches.batch(step)} under {@code model}; the prompts are drawn with
     * {@link BatchSource#reusingBatch} (the model is done with them when it returns), or left to the model to draw
     * block by block ({@link BatchSource#pendingBatch}) when it {@link Model#drawsBlocks}.
     */
    static TrainingObjective of(Model model, BatchSource batches) {
        return new TrainingObjective() {
            @Override
            public double lossAndGradient(long step, double[] grad) {
                return model.lossAndGradient(batch(step), grad);
            }

            @Override
            public double loss(long step) {
                return model.loss(batch(step));
            }

            private PromptBatch batch(long step) {
                return model.drawsBlocks() ? batches.pendingBatch(step) : batches.reusingBatch(step);
            }
        };
    }

    /** The loss of one fixed batch (not modified) under {@code model}, whatever the step. */
    static TrainingObjective fixed(Model model, PromptBatch batch) {
        return of(model, step -> batch);
    }
}
