package org.icldynamics.cli;

import java.nio.file.Path;
import org.icldynamics.experiment.run.RunSummary;
import org.icldynamics.train.RunStatus;

/** The short table printed at the end of a run. */
final class SummaryTable {
    private SummaryTable() {
    }

    static String render(Path dir, RunSummary s) {
        return render(dir, s, true);
    }

    /** The table; {@code dirExists} false when the run directory vanished (no resume hint then). */
    static String render(Path dir, RunSummary s, boolean dirExists) {
        StringBuilder sb = new StringBuilder();
        row(sb, "status", s.status().word());
        row(sb, "steps", Long.toString(s.steps()));
        row(sb, "final train loss", number(s.finalTrainLoss()));
        row(sb, "final eval loss", number(s.finalEvalLoss()));
        row(sb, "wall time", String.format("%.1f s", s.wallSeconds()));
        row(sb, "run directory", dir.toString());
        Path png = dir.resolve("figures").resolve("loss.png");
        if (java.nio.file.Files.exists(png)) { // not for a run that failed before (or while) drawing it
            row(sb, "figures", png + (java.nio.file.Files.exists(dir.resolve("figures").resolve("loss.svg"))
                    ? " (and .svg)" : ""));
        }
        if (s.status() == RunStatus.INTERRUPTED) {
            row(sb, "to continue", "icl resume " + dir);
        } else if (s.status() != RunStatus.COMPLETED) {
            row(sb, "reason", s.message());
            if (s.status() == RunStatus.FAILED && dirExists) {
                row(sb, "to continue", "icl resume " + dir + " (once the cause is fixed)");
            }
        }
        return sb.toString();
    }

    private static String number(Double v) {
        return v == null ? "-" : String.format("%.6g", v);
    }

    private static void row(StringBuilder sb, String key, String value) {
        sb.append(String.format("  %-17s %s%n", key, value));
    }
}
