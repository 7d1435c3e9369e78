package org.icldynamics.experiment.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.icldynamics.config.ConfigException;

/**
 * Two runs side by side, read straight from their directories: the config keys that differ, the summaries, and the
 * metrics at common steps. Provenance is compared only for {@code git_commit} and {@code version}.
 */
public final class RunComparison {
    private static final List<String> PROVENANCE_SHOWN = List.of("provenance.git_commit", "provenance.version");

    private final Path a;
    private final Path b;
    private final RunRecord ra;
    private final RunRecord rb;

    private RunComparison(Path a, Path b, RunRecord ra, RunRecord rb) {
        this.a = a;
        this.b = b;
        this.ra = ra;
        this.rb = rb;
    }

    /** Reads both run directories. */
    public static RunComparison of(Path a, Path b) throws IOException {
        for (Path p : List.of(a, b)) {
            if (!RunRecord.isRun(p)) {
                throw new ConfigException(p + ": not a run directory (no config.yaml)");
            }
        }
        return new RunComparison(a, b, RunRecord.read(a), RunRecord.read(b));
    }

    /** Keys whose values differ (or exist in one run only): key -> [value in A, value in B], null when absent. */
    public Map<String, String[]> configDiff() {
        TreeMap<String, String[]> out = new TreeMap<>();
        TreeSet<String> keys = new TreeSet<>(ra.keys().keySet());
        keys.addAll(rb.keys().keySet());
        for (String k : keys) {
            if (k.startsWith("provenance.") && !PROVENANCE_SHOWN.contains(k)) {
                continue;
            }
            String va = ra.keys().get(k);
            String vb = rb.keys().get(k);
            if (va == null ? vb != null : !va.equals(vb)) {
                out.put(k, new String[] {va, vb});
            }
        }
        return out;
    }

    /** The comparison as text: config diff, summaries, and at most {@code maxRows} metric rows (first and last kept). */
    public String render(int maxRows) {
        StringBuilder s = new StringBuilder();
        s.append("A  ").append(a).append('\n').append("B  ").append(b).append("\n\n");
        Map<String, String[]> diff = configDiff();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"config", "A", "B"});
        diff.forEach((k, v) -> rows.add(new String[] {k, show(v[0]), show(v[1])}));
        if (diff.isEmpty()) {
            rows.add(new String[] {"(no key differs)", "", ""});
        }
        table(s, rows);
        s.append('\n');
        rows.clear();
        rows.add(new String[] {"summary", "A", "B"});
        RunRecord.Summary sa = ra.summary();
        RunRecord.Summary sb = rb.summary();
        rows.add(new String[] {"status", sa == null ? "unfinished" : sa.status().word(),
                sb == null ? "unfinished" : sb.status().word()});
        rows.add(new String[] {"steps", sa == null ? "-" : show(sa.steps()), sb == null ? "-" : show(sb.steps())});
        rows.add(new String[] {"final_train_loss", sa == null ? "-" : show(sa.finalTrainLoss()),
                sb == null ? "-" : show(sb.finalTrainLoss())});
        rows.add(new String[] {"final_eval_loss", sa == null ? "-" : show(sa.finalEvalLoss()),
                sb == null ? "-" : show(sb.finalEvalLoss())});
        rows.add(new String[] {"wall_seconds", sa == null ? "-" : show(sa.wallSeconds()),
                sb == null ? "-" : show(sb.wallSeconds())});
        table(s, rows);
        s.append('\n');
        metrics(s, maxRows);
        return s.toString();
    }

    private void metrics(StringBuilder s, int maxRows) {
        TreeSet<Long> steps = new TreeSet<>();
        for (long t : ra.steps()) {
            steps.add(t);
        }
        for (long t : rb.steps()) {
            steps.add(t);
        }
        List<Long> all = new ArrayList<>(steps);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"step", "train_loss A", "train_loss B", "eval_loss A", "eval_loss B"});
        int n = all.size();
        int shown = Math.min(n, Math.max(2, maxRows));
        int last = -1;
        for (int i = 0; i < shown; i++) {
            int idx = shown == 1 ? 0 : (int) Math.round((double) i * (n - 1) / (shown - 1));
            if (idx == last) {
                continue;
            }
            last = idx;
            long step = all.get(idx);
            rows.add(new String[] {Long.toString(step), at(ra, "train_loss", step), at(rb, "train_loss", step),
                    at(ra, "eval_loss", step), at(rb, "eval_loss", step)});
        }
        s.append("metrics: ").append(rows.size() - 1).append(" of ").append(n).append(" steps\n");
        table(s, rows);
    }

    private static String at(RunRecord r, String column, long step) {
        double[] c = r.column(column);
        for (int i = 0; c != null && i < r.steps().length; i++) {
            if (r.steps()[i] == step) {
                return Double.isNaN(c[i]) ? "" : show(c[i]);
            }
        }
        return "-";
    }

    private static String show(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.6g", d);
        }
        return v.toString();
    }

    private static void table(StringBuilder s, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == 0 ? String.format("%-" + width[i] + "s", r[i])
                        : "  " + String.format("%" + width[i] + "s", r[i]));
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
