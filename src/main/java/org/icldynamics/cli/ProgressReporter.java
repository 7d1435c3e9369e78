package org.icldynamics.cli;

import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.icldynamics.train.LogRecord;
import org.icldynamics.train.TrainingListener;

/**
 * Progress of a run: a progress bar with steps per second and the current loss on a terminal, otherwise one plain
 * ASCII line every {@link #PLAIN_INTERVAL_NANOS} on stderr.
 */
final class ProgressReporter implements TrainingListener, AutoCloseable {
    static final long PLAIN_INTERVAL_NANOS = 5_000_000_000L;

    private final long start;
    private final long total;
    private final ProgressBar bar;
    private final long t0 = System.nanoTime();
    private long lastPrint = System.nanoTime();
    private double evalLoss = Double.NaN;

    ProgressReporter(long start, long total) {
        this.start = start;
        this.total = total;
        this.bar = onTerminal() ? new ProgressBarBuilder().setTaskName("train").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500).showSpeed()
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS).setUnit(" steps", 1)
                // stdout: the launcher filters stderr line by line, which would hold back the bar's '\r' updates
                .setConsumer(new ConsoleProgressBarConsumer(System.out))
                .startsFrom(start, Duration.ZERO).build() : null;
    }

    /** True when stdout and stderr go to an interactive terminal. */
    static boolean onTerminal() {
        java.io.Console c = System.console();
        if (c == null) {
            return false;
        }
        try { // JDK 22+: a console exists even when redirected; isTerminal() tells
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    @Override
    public void onLog(LogRecord r) {
        if (!Double.isNaN(r.evalLoss())) {
            evalLoss = r.evalLoss();
        }
        if (bar != null) {
            bar.stepTo(r.step());
            bar.setExtraMessage(String.format(" loss %.4g eval %.4g", r.trainLoss(), evalLoss));
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrint >= PLAIN_INTERVAL_NANOS || r.step() == total) {
            lastPrint = now;
            double rate = (r.step() - start) / Math.max(1e-9, (now - t0) * 1e-9);
            System.err.printf("step %d/%d (%.0f%%)  %.0f steps/s  train_loss %.5g  eval_loss %.5g%n", r.step(), total,
                    100.0 * r.step() / total, rate, r.trainLoss(), evalLoss);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
