package org.icldynamics.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Runs independent fixed-size blocks of work on a small pool. Determinism contract: each block writes only its own
 * outputs (for example a per-block partial gradient) and the caller reduces the partials in block order, so the bits
 * of every result are the same on 1 and on 2 threads.
 */
public final class BlockParallel implements AutoCloseable {
    private static final BlockParallel SERIAL = new BlockParallel(1);

    private final int threads;
    private final ExecutorService pool;

    public BlockParallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "icl-block");
            t.setDaemon(true);
            return t;
        });
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
        if (pool == null || blocks <= 1) {
            for (int k = 0; k < blocks; k++) {
                body.accept(k);
            }
            return;
        }
        int workers = Math.min(threads, blocks);
        List<Future<?>> futures = new ArrayList<>(workers);
        for (int t = 0; t < workers; t++) {
            final int first = t;
            futures.add(pool.submit(() -> {
                for (int k = first; k < blocks; k += workers) {
                    body.accept(k);
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                if (c instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(c);
            }
        }
    }

    /** Number of blocks of size {@code blockSize} covering {@code count} items. */
    public static int blocks(int count, int blockSize) {
        return (count + blockSize - 1) / blockSize;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
