package org.icldynamics.experiment.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.icldynamics.experiment.run.RunDirectory;
import org.icldynamics.experiment.run.RunSummary;
import org.icldynamics.report.AtomicFiles;

/**
 * {@code study.csv}: one row per run, {@code run,<swept keys>,seed,status,final_train_loss,final_eval_loss,
 * wall_seconds}, in point order, read from the run directories (the truth) so that any process can write it.
 * {@code status} is the run's own ({@code completed}, {@code diverged}, {@code interrupted}), or {@code failed}
 * (an error this invocation), {@code incomplete} (started, no summary: killed or running), {@code pending}.
 * Losses are in shortest round-trip form (bit-exact), empty when not measured.
 */
public final class StudyCsv {
    public static final String FILE = "study.csv";

    private StudyCsv() {
    }

    /** The header for the swept {@code keys}. */
    public static String header(List<String> keys) {
        StringBuilder b = new StringBuilder("run");
        keys.forEach(k -> b.append(',').append(escape(k)));
        return b.append(",seed,status,final_train_loss,final_eval_loss,wall_seconds").toString();
    }

    /** The table for {@code points} as the run directories under {@code dir} hold them now. */
    public static String render(Path dir, List<String> keys, List<StudyPoint> points, Map<String, String> failures)
            throws IOException {
        StringBuilder b = new StringBuilder(header(keys)).append('\n');
        for (StudyPoint p : points) {
            Path root = StudyRunner.runRoot(dir, p);
            RunSummary s = PointRun.summary(root);
            String status = s != null ? s.status().word() : failures.containsKey(p.id()) ? "failed"
                    : Files.exists(new RunDirectory(root).config()) ? "incomplete" : "pending";
            b.append(p.id());
            p.values().forEach(v -> b.append(',').append(escape(v)));
            b.append(',').append(p.seed()).append(',').append(status).append(',')
                    .append(number(s == null ? null : s.finalTrainLoss())).append(',')
                    .append(number(s == null ? null : s.finalEvalLoss())).append(',')
                    .append(s == null ? "" : Double.toString(s.wallSeconds())).append('\n');
        }
        return b.toString();
    }

    /** Writes {@code dir/study.csv} atomically; returns its text. */
    public static String write(Path dir, List<String> keys, List<StudyPoint> points, Map<String, String> failures)
            throws IOException {
        String text = render(dir, keys, points, failures);
        AtomicFiles.writeString(dir.resolve(FILE), text);
        return text;
    }

    private static String number(Double v) {
        return v == null ? "" : Double.toString(v);
    }

    static String escape(String v) {
        return v.contains(",") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
