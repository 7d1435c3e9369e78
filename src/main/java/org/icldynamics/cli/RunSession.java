package org.icldynamics.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.icldynamics.experiment.run.ExperimentRun;
import org.icldynamics.experiment.run.RunSummary;

/**
 * Runs an {@link ExperimentRun} in the foreground: progress on the terminal, Ctrl-C or SIGTERM asks the run to
 * checkpoint and stop (the shutdown hook waits for it, from before the run is prepared until the summary table and
 * the resume hint are printed), a summary table at the end.
 */
final class RunSession {
    private RunSession() {
    }

    static int execute(Callable<ExperimentRun> prepare) throws Exception {
        return execute(prepare, false);
    }

    /** @param resumed whether the prepared run continues an earlier one (the first line then says from which step) */
    static int execute(Callable<ExperimentRun> prepare, boolean resumed) throws Exception {
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
        try {
            ExperimentRun run = prepare.call();
            for (String note : run.notes()) {
                System.err.println("icl: note: " + note);
            }
            if (resumed) {
                System.err.println("icl: resuming " + run.directory().name() + " from step " + run.startStep() + " of "
                        + run.lastStep() + (run.startStep() > 0 ? " (its newest checkpoint)" : " (no checkpoint was written)"));
            } else {
                System.err.println("icl: run directory " + run.directory().name());
            }
            RunSummary summary;
            try (ProgressReporter progress = new ProgressReporter(run.startStep(), run.lastStep())) {
                summary = run.run(progress, stop::get);
            }
            System.out.print(SummaryTable.render(run.directory().name(), summary,
                    Files.isDirectory(run.directory().name())));
            System.out.flush();
            return ExperimentRun.exitCode(summary);
        } finally {
            finished.countDown(); // only now may a Ctrl-C / SIGTERM shutdown go on: the summary is printed
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down (Ctrl-C): the hook is running and has been released
            }
        }
    }
}
