package org.icldynamics.data;

/**
 * The prompts of one block of a batch, handed out one at a time in order ({@link PromptBatch#prompts}): each is
 * drawn (when the batch still had it to draw) right before its reader computes on it, so the prompt is still in the
 * L1 cache, and optionally written straight into a kernel's {@link PaddedTokens} as well.
 */
public interface PromptDraw {
    /**
     * Makes the block's next prompt hold its values in the batch; when {@code tokens} is not null, writes its tokens
     * there (the values {@link PaddedTokens#copy} would write) and may leave the batch's {@code x} and {@code y} of
     * a prompt still to draw unwritten ({@link PromptBatch#prompts}).
     */
    void next(PaddedTokens tokens);

    /** Prompts {@code [from, to)} of {@code out}, already drawn: each copied into the tokens asked for. */
    static PromptDraw drawn(PromptBatch out, int from, int to) {
        return filledFirst(out, from, to, null);
    }

    /**
     * Prompts {@code [from, to)} of {@code out}, all drawn by {@code fill} when the first is asked for (none when
     * {@code fill} is null), each then copied into the tokens asked for: for tasks that draw a block at once.
     */
    static PromptDraw filledFirst(PromptBatch out, int from, int to, Runnable fill) {
        return new PromptDraw() {
            private int p = from;

            @Override
            public void next(PaddedTokens tokens) {
                if (p >= to) {
                    throw new IllegalStateException("all " + (to - from) + " prompts of this block are drawn");
                }
                if (p == from && fill != null) {
                    fill.run();
                }
                if (tokens != null) {
                    tokens.copy(out, p);
                }
                p++;
            }
        };
    }
}
