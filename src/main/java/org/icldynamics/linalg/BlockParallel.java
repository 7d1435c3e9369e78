package org.icldynamics.linalg;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs independent fixed-size blocks of work on the calling thread and {@code threads - 1} persistent helper threads.
 * Determinism contract: each block writes only its own outputs (for example a per-block partial gradient) and the
 * caller reduces the partials in block order, so the bits of every result are the same on 1 and on 2 threads, and
 * whichever thread runs a block.
 *
 * <p>A training step calls {@link #forEach} once or a few times in quick succession (sampling and the kernel's
 * forward and backward, together or apart) on blocks of a fraction of a millisecond, so the hand-off is what this
 * class is about: the caller works too (one hand-off fewer than a pool the caller waits on), blocks are claimed one
 * at a time from a shared counter (a thread the OS holds back does not hold the step back), and a thread waiting for
 * work or for the others spins for up to {@link #SPIN_NANOS} before it parks, so back-to-back calls pass work
 * without waking a sleeping thread.
 *
 * <p>One call runs at a time per instance: a call made while another is running (from a block body, or from another
 * thread) runs all its blocks on its own caller.
 */
public final class BlockParallel implements AutoCloseable {
    /**
     * How long a waiting thread spins before it parks: longer than a block plus the gap between a training step's
     * calls, so that a helper done with its blocks is still spinning when the next step's call comes (the he25 step
     * has four blocks of about 0.2 ms; a helper woken from park late leaves three of them to the caller), short enough
     * to cost little CPU on a shared machine. Measured on the he25 preset (30,000 steps, 2 threads, sampling inside
     * the kernel's pass), two jars alternating over 7 rounds at load average 2: 400 us against 50 us 18.9 against
     * 20.9 s wall (medians; faster in 6 of the 7 rounds) at 6% less user CPU, same {@code metrics.csv}. Before
     * sampling moved into the kernel's pass (two calls per step), 50 us was 13% faster than a pool and 250 us no
     * faster; yielding instead of spinning (Thread.yield) made steps 55% slower.
     */
    static final long SPIN_NANOS = 400_000;
    /** How often a parked caller looks whether the instance was closed under it. */
    private static final long CLOSED_CHECK_NANOS = 1_000_000;

    private static final BlockParallel SERIAL = new BlockParallel(1);

    private final int threads;
    private final Helper[] helpers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private final AtomicInteger nextBlock = new AtomicInteger();
    private final AtomicInteger helpersRunning = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    // the job: written by the caller before it publishes a new generation, read by helpers after they see it
    private IntConsumer body;
    private int blocks;
    private volatile long generation;
    private volatile Thread caller;
    private volatile boolean callerParked;
    private volatile boolean closed;

    public BlockParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.helpers = new Helper[threads - 1];
        for (int i = 0; i < helpers.length; i++) {
            helpers[i] = new Helper();
            helpers[i].start();
        }
    }

    /** A shared single-threaded instance. */
    public static BlockParallel serial() {
        return SERIAL;
    }

    public int threads() {
        return threads;
    }

    /** Calls {@code body.accept(k)} for every block {@code k} in {@code [0, blocks)}; returns when all are done. */
    public void forEach(int blocks, IntConsumer body) {
        if (helpers.length == 0 || blocks <= 1 || closed || !busy.compareAndSet(false, true)) {
            for (int k = 0; k < blocks; k++) {
                body.accept(k);
            }
            return;
        }
        try {
            this.body = body;
            this.blocks = blocks;
            nextBlock.set(0);
            failure.set(null);
            helpersRunning.set(helpers.length);
            caller = Thread.currentThread();
            generation++; // single writer (the holder of busy); the volatile write publishes the job
            for (Helper h : helpers) {
                if (h.parked) {
                    LockSupport.unpark(h);
                }
            }
            claimBlocks();
            awaitHelpers();
            this.body = null;
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        } finally {
            busy.set(false);
        }
    }

    /** Runs unclaimed blocks of the current job until none is left; the first failure stops further claims. */
    private void claimBlocks() {
        IntConsumer b = body;
        int n = blocks;
        for (int k = nextBlock.getAndIncrement(); k < n; k = nextBlock.getAndIncrement()) {
            try {
                b.accept(k);
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                nextBlock.set(n);
            }
        }
    }

    private void awaitHelpers() {
        long start = System.nanoTime();
        boolean interrupted = false;
        while (helpersRunning.get() != 0) {
            if (pause(start)) {
                continue;
            }
            if (closed && helpersGone()) { // closed by another thread while this call began: no helper will come
                claimBlocks();
                break;
            }
            callerParked = true;
            if (helpersRunning.get() != 0) {
                LockSupport.parkNanos(this, CLOSED_CHECK_NANOS);
                interrupted |= Thread.interrupted(); // a set interrupt flag would turn park into a busy loop
            }
            callerParked = false;
        }
        if (interrupted) { // as a pool's Future.get would, but only once no helper touches the outputs any more
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    /** One short spin of a thread waiting since {@code start}; false once it should park. */
    private static boolean pause(long start) {
        if (System.nanoTime() - start < SPIN_NANOS) {
            Thread.onSpinWait();
            return true;
        }
        return false;
    }

    private boolean helpersGone() {
        for (Helper h : helpers) {
            if (h.isAlive()) {
                return false;
            }
        }
        return true;
    }

    /** Number of blocks of size {@code blockSize} covering {@code count} items. */
    public static int blocks(int count, int blockSize) {
        return (count + blockSize - 1) / blockSize;
    }

    /** Stops the helper threads; later calls run on their caller. */
    @Override
    public void close() {
        closed = true;
        for (Helper h : helpers) {
            LockSupport.unpark(h);
        }
    }

    /** A helper thread: waits for the next job (spinning, then parked), claims its blocks, reports done. */
    private final class Helper extends Thread {
        volatile boolean parked;

        Helper() {
            super("icl-block");
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0; // the generation at construction (reading the field here could already see a first job)
            while (true) {
                long start = System.nanoTime();
                long g;
                while ((g = generation) == seen) {
                    if (closed) {
                        return;
                    }
                    if (pause(start)) {
                        continue;
                    }
                    parked = true;
                    if (generation == seen && !closed) {
                        LockSupport.park(BlockParallel.this);
                    }
                    parked = false;
                }
                seen = g;
                claimBlocks();
                if (helpersRunning.decrementAndGet() == 0 && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }
}
