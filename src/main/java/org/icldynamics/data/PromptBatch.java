package org.icldynamics.data;

import java.util.Arrays;
import org.icldynamics.linalg.BlockParallel;

/**
 * A batch of {@code b} in-context regression prompts, each with {@code n} context tokens {@code (x_i, y_i)} and one
 * query {@code (x_q, 0)}. Arrays are row-major and public for allocation-free kernels; treat them as read-only
 * unless you created the batch.
 *
 * <p>A batch may be handed out with its prompts still to draw ({@link PromptSampler#pendingInto}): then the prompts
 * of block {@code k} (the {@link RandomStreams#BLOCK} prompts from {@code k * BLOCK}) hold their values only after
 * {@link #drawBlock}{@code (k)} or {@link #drawAll}, so a consumer that works block by block can draw each block right
 * before it reads it, on the same thread, while the block is still in cache.
 */
public final class PromptBatch {
    /** Number of prompts. */
    public final int b;
    /** Context tokens per prompt (the query is extra). */
    public final int n;
    /** Input dimension. */
    public final int d;
    /** Label slots per token (tasks). */
    public final int outputs;
    /** Context inputs {@code [b, n, d]}. */
    public final double[] x;
    /** Context labels {@code [b, n, outputs]} (with context noise). */
    public final double[] y;
    /** Query inputs {@code [b, d]}. */
    public final double[] xq;
    /** Query targets {@code [b, outputs]} (with query noise, when the task adds it). */
    public final double[] yq;
    /** Noise-free query signal {@code w^T x_q}, {@code [b, outputs]}. */
    public final double[] signal;
    /** Task vectors {@code [b, outputs, d]}, zero outside each task's coordinates. */
    public final double[] w;
    /** Draws one block of prompts into this batch's arrays; null once the batch is fully drawn (or always was). */
    private final BlockDraw pending;
    /** Which blocks {@link #pending} has drawn; null when nothing is pending. */
    private final boolean[] drawn;

    /** Prompts {@code [from, to)}, block {@code k}, to draw into {@code out} (overwritten there) one at a time. */
    @FunctionalInterface
    interface BlockDraw {
        PromptDraw open(PromptBatch out, int from, int to, int k);
    }

    public PromptBatch(int b, int n, int d, int outputs) {
        this(b, n, d, outputs, new double[b * n * d], new double[b * n * outputs], new double[b * d],
                new double[b * outputs], new double[b * outputs], new double[b * outputs * d]);
    }

    public PromptBatch(int b, int n, int d, int outputs, double[] x, double[] y, double[] xq, double[] yq,
                       double[] signal, double[] w) {
        this(b, n, d, outputs, x, y, xq, yq, signal, w, null);
    }

    private PromptBatch(int b, int n, int d, int outputs, double[] x, double[] y, double[] xq, double[] yq,
                        double[] signal, double[] w, BlockDraw pending) {
        if (b < 0 || n < 0 || d < 1 || outputs < 1) {
            throw new IllegalArgumentException("bad batch shape b=" + b + " n=" + n + " d=" + d + " outputs=" + outputs);
        }
        check(x, b * n * d, "x");
        check(y, b * n * outputs, "y");
        check(xq, b * d, "xq");
        check(yq, b * outputs, "yq");
        check(signal, b * outputs, "signal");
        check(w, b * outputs * d, "w");
        this.b = b;
        this.n = n;
        this.d = d;
        this.outputs = outputs;
        this.x = x;
        this.y = y;
        this.xq = xq;
        this.yq = yq;
        this.signal = signal;
        this.w = w;
        this.pending = pending;
        this.drawn = pending == null ? null : new boolean[blocks()];
    }

    /**
     * A batch over this one's arrays (their values are about to be overwritten) whose blocks {@code draw} fills on
     * demand: block {@code k} when {@link #drawBlock}{@code (k)} or {@link #drawAll} first asks for it.
     */
    PromptBatch pending(BlockDraw draw) {
        return new PromptBatch(b, n, d, outputs, x, y, xq, yq, signal, w, draw);
    }

    /** Number of blocks of {@link RandomStreams#BLOCK} prompts (the last one may be shorter). */
    public int blocks() {
        return BlockParallel.blocks(b, RandomStreams.BLOCK);
    }

    /**
     * Makes block {@code k}'s prompts hold their values: draws them now if they are still to draw (on the calling
     * thread), else does nothing. Different blocks may be drawn on different threads at once.
     */
    public void drawBlock(int k) {
        if (pending != null && !drawn[k]) {
            int from = k * RandomStreams.BLOCK;
            int to = Math.min(b, from + RandomStreams.BLOCK);
            PromptDraw prompts = pending.open(this, from, to, k);
            for (int p = from; p < to; p++) {
                prompts.next(null);
            }
            drawn[k] = true;
        }
    }

    /**
     * Block {@code k}'s prompts one at a time, for a consumer that reads each right after its
     * {@link PromptDraw#next}: a prompt still to draw is drawn then, on the calling thread (in cache when read), and
     * may go straight into the tokens given there, leaving this batch's {@code x} and {@code y} of the prompt
     * unwritten (its {@code w}, {@code xq}, {@code yq} and {@code signal} are written). Such a block therefore stays
     * to draw here: {@link #drawBlock} or {@link #drawAll} later draws it whole, with the same bits. A drawn block's
     * prompts are only copied into the tokens asked for. Different blocks may be walked on different threads at once.
     */
    public PromptDraw prompts(int k) {
        int from = k * RandomStreams.BLOCK;
        int to = Math.min(b, from + RandomStreams.BLOCK);
        return pending != null && !drawn[k] ? pending.open(this, from, to, k) : PromptDraw.drawn(this, from, to);
    }

    /** Draws every block still to draw, on {@code parallel}; afterwards every entry holds its value. */
    public PromptBatch drawAll(BlockParallel parallel) {
        if (pending != null) {
            parallel.forEach(blocks(), this::drawBlock);
        }
        return this;
    }

    private void requireDrawn() {
        if (pending != null) {
            for (boolean done : drawn) {
                if (!done) {
                    throw new IllegalStateException("a batch with prompts still to draw: call drawAll first");
                }
            }
        }
    }

    private static void check(double[] a, int len, String name) {
        if (a.length != len) {
            throw new IllegalArgumentException(name + " has length " + a.length + ", expected " + len);
        }
    }

    /** Token width {@code D = d + outputs}. */
    public int tokenWidth() {
        return d + outputs;
    }

    /** Index of {@code x[p, i, 0]}. */
    public int xIndex(int p, int i) {
        return (p * n + i) * d;
    }

    /** Index of {@code y[p, i, 0]}. */
    public int yIndex(int p, int i) {
        return (p * n + i) * outputs;
    }

    /** A copy keeping only the first {@code m <= n} context tokens of every prompt (same queries and tasks). */
    public PromptBatch prefix(int m) {
        if (m < 0 || m > n) {
            throw new IllegalArgumentException("prefix length " + m + " outside [0, " + n + "]");
        }
        requireDrawn();
        double[] px = new double[b * m * d];
        double[] py = new double[b * m * outputs];
        for (int p = 0; p < b; p++) {
            System.arraycopy(x, p * n * d, px, p * m * d, m * d);
            System.arraycopy(y, p * n * outputs, py, p * m * outputs, m * outputs);
        }
        return new PromptBatch(b, m, d, outputs, px, py, xq.clone(), yq.clone(), signal.clone(), w.clone());
    }

    /** Sets every entry of prompts {@code [from, to)} to zero, in all arrays (overwritten). */
    public void clear(int from, int to) {
        Arrays.fill(x, from * n * d, to * n * d, 0.0);
        Arrays.fill(y, from * n * outputs, to * n * outputs, 0.0);
        Arrays.fill(xq, from * d, to * d, 0.0);
        Arrays.fill(yq, from * outputs, to * outputs, 0.0);
        Arrays.fill(signal, from * outputs, to * outputs, 0.0);
        Arrays.fill(w, from * outputs * d, to * outputs * d, 0.0);
    }

    /** A copy of prompts {@code [from, to)}. */
    public PromptBatch slice(int from, int to) {
        requireDrawn();
        int c = to - from;
        return new PromptBatch(c, n, d, outputs,
                Arrays.copyOfRange(x, from * n * d, to * n * d),
                Arrays.copyOfRange(y, from * n * outputs, to * n * outputs),
                Arrays.copyOfRange(xq, from * d, to * d),
                Arrays.copyOfRange(yq, from * outputs, to * outputs),
                Arrays.copyOfRange(signal, from * outputs, to * outputs),
                Arrays.copyOfRange(w, from * outputs * d, to * outputs * d));
    }
}
