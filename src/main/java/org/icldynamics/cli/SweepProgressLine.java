package org.icldynamics.cli;

import java.util.function.Consumer;
import org.icldynamics.experiment.study.StudyProgress;

/**
 * The one progress line of a sweep on stderr: rewritten in place on a terminal, otherwise printed at most every
 * {@link ProgressReporter#PLAIN_INTERVAL_NANOS} (and when the last run ends).
 */
final class SweepProgressLine implements Consumer<StudyProgress> {
    private final boolean terminal = ProgressReporter.onTerminal();
    private long lastPrint = Long.MIN_VALUE;
    private int width;

    @Override
    public synchronized void accept(StudyProgress p) {
        String line = p.line();
        if (terminal) {
            System.err.print("\r" + line + " ".repeat(Math.max(0, width - line.length())));
            width = line.length();
            if (p.done() == p.total()) {
                System.err.println();
            }
            System.err.flush();
            return;
        }
        long now = System.nanoTime();
        if (lastPrint == Long.MIN_VALUE || now - lastPrint >= ProgressReporter.PLAIN_INTERVAL_NANOS
                || p.done() == p.total() && p.running() == 0) {
            lastPrint = now;
            System.err.println(line);
        }
    }

    /** Ends the line on a terminal (before other output). */
    synchronized void finish() {
        if (terminal && width > 0) {
            System.err.println();
            width = 0;
        }
    }
}
