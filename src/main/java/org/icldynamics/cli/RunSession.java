package org.icldynamics.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.icldynamics.experiment.ExperimentRun;
import org.icldynamics.experiment.RunSummary;

/**
 * Runs an {@link ExperimentRun} in the foreground: progress on the terminal, Ctrl-C asks the run to checkpoint and
 * stop (the shutdown hook waits for it), a summary table at the end.
 */
final class RunSession {
    private RunSession() {
    }

    static int execute(ExperimentRun run) throws Exception {
        return execute(run, false);
    }

    /** @param resumed whether {@code run} continues an earlier one (the first line then says from which step) */
    static int execute(ExperimentRun run, boolean resumed) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "icl-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        if (resumed) {
            System.err.println("icl: resuming " + run.directory().root() + " from step " + run.startStep() + " of "
                    + run.lastStep() + (run.startStep() > 0 ? " (its newest checkpoint)" : " (no checkpoint was written)"));
        } else {
            System.err.println("icl: run directory " + run.directory().root());
        }
        RunSummary summary;
        try (ProgressReporter progress = new ProgressReporter(run.startStep(), run.lastStep())) {
            summary = run.run(progress, stop::get);
        } finally {
            finished.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (Ctrl-C): the hook is running and has been released
        }
        System.out.print(SummaryTable.render(run.directory().root(), summary));
        System.out.flush();
        return ExperimentRun.exitCode(summary);
    }
}
