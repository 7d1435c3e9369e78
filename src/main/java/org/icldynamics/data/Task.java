package org.icldynamics.data;

import java.util.SplittableRandom;

/** A distribution over in-context regression prompts. */
public interface Task {
    /** Input dimension. */
    int d();

    /** Label slots per token: one, unless the task has several outputs. */
    default int outputs() {
        return 1;
    }

    /** Default context length. */
    int n();

    /**
     * Draws prompts {@code [from, to)} of {@code out} (context length {@code out.n}) from {@code rng}.
     *
     * @param out overwritten in the rows {@code [from, to)}
     */
    void fill(PromptBatch out, int from, int to, SplittableRandom rng);
}
