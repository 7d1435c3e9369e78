package org.icldynamics.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C for long commands (one run or many): the shutdown hook asks every running run to checkpoint and stop, then waits
 * (up to two minutes) until the command says it is done, so no finished or checkpointed work is lost; running the
 * same command again resumes the interrupted runs and reuses the finished ones.
 */
final class StopSignal implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Thread hook = new Thread(() -> {
        stop.set(true);
        try {
            done.await(120, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }, "icl-stop");

    StopSignal() {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** True once Ctrl-C was pressed. */
    BooleanSupplier requested() {
        return stop::get;
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and has been released
        }
    }
}
