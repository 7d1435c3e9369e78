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
     * Whether {@link #fill} writes every entry of its prompts in all of a batch's arrays (so a reused batch need not
     * be cleared first); false when it relies on the zeros of a fresh batch (for example outside a task's
     * coordinates).
     */
    default boolean writesEveryEntry() {
        return false;
    }

    /**
     * Draws prompts {@code [from, to)} of {@code out} (context length {@code out.n}) from {@code rng}.
     *
     * @param out overwritten in the rows {@code [from, to)}
     */
    void fill(PromptBatch out, int from, int to, SplittableRandom rng);

    /**
     * Prompts {@code [from, to)} of {@code out} from {@code rng}, drawn one at a time by {@link PromptDraw#next}:
     * after the last, {@code out} holds the bits of {@link #fill}{@code (out, from, to, rng)}. By default the first
     * call draws them all with {@link #fill}; a task may draw each prompt on its call instead (and write its tokens
     * straight into the {@link PaddedTokens} given there).
     */
    default PromptDraw byPrompt(PromptBatch out, int from, int to, SplittableRandom rng) {
        return PromptDraw.filledFirst(out, from, to, () -> fill(out, from, to, rng));
    }

    /** The arithmetic of this task's normals ({@link DrawPrecision#DOUBLE} unless {@link #drawnIn} said otherwise). */
    default DrawPrecision draws() {
        return DrawPrecision.DOUBLE;
    }

    /**
     * This task drawing its normals in {@code precision}: the same distribution, other bits (float runs draw in float,
     * {@link DrawPrecision}). A task that draws only in double refuses float.
     */
    default Task drawnIn(DrawPrecision precision) {
        if (precision != DrawPrecision.DOUBLE) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " draws its normals in double only");
        }
        return this;
    }
}
