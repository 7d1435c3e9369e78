package org.icldynamics.train;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.linalg.BlockParallel;

/**
 * Size of the fixed held-out set the trainer evaluates on, drawn once from stream {@code "eval"}.
 *
 * <p>Sizing rule: for Gaussian residuals {@code r} with variance {@code s2}, the loss estimate
 * {@code mean(r^2)} over {@code m} prompts has standard error {@code s2 sqrt(2/m)}, so
 * {@code SE / loss = sqrt(2/m)}. A target relative standard error {@code e} needs {@code m >= 2 / e^2} prompts;
 * the default {@code e = 0.5%} gives 80,000. (With several independent outputs the true error is smaller; the rule
 * ignores that and stays conservative.) Memory is {@code m (n + 1) d} doubles for the inputs: 128 MB at
 * {@code n = 40, d = 5}; use a fixed size for very wide prompts.
 *
 * @param prompts number of held-out prompts
 */
public record EvaluationSet(int prompts) {
    /** Stream of the held-out set. */
    public static final String STREAM = "eval";
    /** Default target relative standard error of the evaluation loss. */
    public static final double DEFAULT_RELATIVE_ERROR = 0.005;

    public EvaluationSet {
        if (prompts < 1) {
            throw new IllegalArgumentException("evaluation set needs at least 1 prompt, got " + prompts);
        }
    }

    /** The default: relative standard error 0.5%, 80,000 prompts. */
    public static EvaluationSet defaults() {
        return forRelativeError(DEFAULT_RELATIVE_ERROR);
    }

    /** The smallest set with {@code sqrt(2/m) <= relativeError}: {@code m = ceil(2 / e^2)}. */
    public static EvaluationSet forRelativeError(double relativeError) {
        if (!(relativeError > 0 && relativeError < 1)) {
            throw new IllegalArgumentException("relative standard error must be in (0, 1), got " + relativeError);
        }
        double m = 2 / (relativeError * relativeError);
        long rounded = Math.round(m);
        long prompts = Math.abs(m - rounded) < 1e-9 * m ? rounded : (long) Math.ceil(m);
        if (prompts > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("relative standard error " + relativeError + " needs " + prompts
                    + " prompts, too many");
        }
        return new EvaluationSet((int) prompts);
    }

    /** The relative standard error {@code sqrt(2/m)} of the loss on this set. */
    public double relativeError() {
        return Math.sqrt(2.0 / prompts);
    }

    /** Draws the held-out prompts from stream {@link #STREAM} at the task's context length. */
    public PromptBatch draw(Task task, RandomStreams streams, BlockParallel parallel) {
        return new PromptSampler(task, streams, STREAM).sample(0, prompts, task.n(), parallel);
    }
}
