package org.icldynamics.cli;

import java.nio.file.Files;
import java.util.concurrent.Callable;
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
        // closed only after the summary is printed: until then a Ctrl-C / SIGTERM shutdown waits
        try (StopSignal stop = new StopSignal()) {
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
                summary = run.run(progress, stop.requested());
            }
            System.out.print(SummaryTable.render(run.directory().name(), summary,
                    Files.isDirectory(run.directory().name())));
            System.out.flush();
            return ExperimentRun.exitCode(summary);
        }
    }
}
