package org.icldynamics.experiment.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.run.RunDirectory;
import org.icldynamics.experiment.run.RunFiles;
import org.icldynamics.train.RunStatus;

/**
 * What the run index holds of one run directory, read from its files (which stay the truth): the config flattened
 * to dotted keys, {@code provenance.json} as {@code provenance.*} keys, {@code summary.json}, and every complete row
 * of {@code metrics.csv} (a row still being written is left for the next update).
 *
 * @param keys flattened config keys ({@code model.heads -> "4"}; lists as JSON text) then {@code provenance.*}
 * @param summary {@code summary.json}'s fields, or null when the run has none yet (running or killed)
 * @param metricColumns the columns of {@code metrics.csv} after {@code step}: {@code t, train_loss, eval_loss, ...}
 * @param steps the {@code step} of each complete row
 * @param metrics {@code [metricColumns][rows]}, NaN for an empty cell
 */
public record RunRecord(Map<String, String> keys, Summary summary, List<String> metricColumns, long[] steps,
        double[][] metrics) {
    /** The files whose sizes and modification times make a run's {@link #stamp}. */
    static final List<String> FILES = List.of("config.yaml", "provenance.json", "summary.json", "metrics.csv");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code summary.json}. */
    public record Summary(RunStatus status, Long steps, Double finalTrainLoss, Double finalEvalLoss, Double wallSeconds,
            String message) {
    }

    /** Reads the run directory {@code root}; a file that does not parse is named in a {@link ConfigException}. */
    public static RunRecord read(Path root) throws IOException {
        RunDirectory dir = new RunDirectory(root);
        Map<String, String> keys = new LinkedHashMap<>();
        flatten("", tree(YAML, dir.config()), keys);
        if (Files.isRegularFile(dir.provenance())) {
            flatten("provenance.", tree(JSON, dir.provenance()), keys);
        }
        Summary summary = null;
        if (Files.isRegularFile(dir.summary())) {
            JsonNode s = tree(JSON, dir.summary());
            summary = new Summary(status(dir.summary(), s), s.hasNonNull("steps") ? s.get("steps").asLong() : null,
                    number(s, "final_train_loss"), number(s, "final_eval_loss"), number(s, "wall_seconds"),
                    text(s, "message"));
        }
        return metrics(dir.metrics(), keys, summary);
    }

    /** A change of any of these files' size or modification time marks the run for re-reading. */
    public static String stamp(Path root) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : FILES) {
            try {
                BasicFileAttributes a = Files.readAttributes(root.resolve(f), BasicFileAttributes.class);
                sb.append(a.size()).append('@').append(a.lastModifiedTime().to(TimeUnit.NANOSECONDS));
            } catch (NoSuchFileException e) {
                sb.append('-');
            }
            sb.append(';');
        }
        return sb.toString();
    }

    /** True when {@code dir} holds a run ({@code config.yaml}). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve("config.yaml"));
    }

    private static RunRecord metrics(Path file, Map<String, String> keys, Summary summary) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new RunRecord(keys, summary, List.of("t", "train_loss", "eval_loss"), new long[0],
                    new double[3][0]);
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(file + ": not a metrics file (not UTF-8 text)");
        }
        int end = text.lastIndexOf('\n');
        String[] lines = end < 0 ? new String[0] : text.substring(0, end).split("\n", -1);
        if (lines.length == 0 || !lines[0].startsWith("step,")) {
            throw new ConfigException(file + ":1: not a metrics file (the header must start with 'step,')");
        }
        String[] header = lines[0].split(",", -1);
        List<String> columns = List.of(header).subList(1, header.length);
        long[] steps = new long[lines.length - 1];
        double[][] values = new double[columns.size()][lines.length - 1];
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length != header.length) {
                throw new ConfigException(file + ":" + (i + 1) + ": " + f.length + " fields, the header has "
                        + header.length);
            }
            try {
                steps[i - 1] = Long.parseLong(f[0]);
                for (int c = 0; c < columns.size(); c++) {
                    values[c][i - 1] = f[c + 1].isEmpty() ? Double.NaN : Double.parseDouble(f[c + 1]);
                }
            } catch (NumberFormatException e) {
                throw new ConfigException(file + ":" + (i + 1) + ": not a number (" + e.getMessage() + ")");
            }
        }
        return new RunRecord(keys, summary, List.copyOf(columns), steps, values);
    }

    /**
     * One line for a run directory whose files do not parse or cannot be read: the file (and line) and why, as
     * {@code icl runs} prints it for a run it leaves out.
     */
    static String unreadable(Path root, Exception e) {
        if (e instanceof ConfigException) {
            return e.getMessage();
        }
        IOException io = e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
        return root + ": " + RunFiles.describe(io);
    }

    private static JsonNode tree(ObjectMapper mapper, Path file) throws IOException {
        try {
            JsonNode n = mapper.readTree(file.toFile());
            if (n == null || !n.isObject()) {
                throw new ConfigException(file + ":1: expected a mapping at the top");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
            throw new ConfigException(file + ":" + line + ": does not parse (" + firstClause(e.getOriginalMessage())
                    + ")");
        }
    }

    /** A parser's message up to its location details (which the file:line prefix already gives). */
    private static String firstClause(String message) {
        String m = message == null ? "" : message;
        for (String end : new String[] {"\n", " (start marker", " at [Source", " in 'reader'"}) {
            int i = m.indexOf(end);
            if (i > 0) {
                m = m.substring(0, i);
            }
        }
        return m.strip();
    }

    /** Dotted keys of every scalar; lists become their JSON text; nulls are left out. */
    static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(prefix + e.getKey() + (e.getValue().isObject() ? "." : ""), e.getValue(), out);
            }
        } else if (node.isArray()) {
            out.put(prefix, node.toString());
        } else if (!node.isNull()) {
            out.put(prefix, node.asText());
        }
    }

    /** The summary's status, read through {@link RunStatus#ofWord}; an unknown word names the file. */
    private static RunStatus status(Path file, JsonNode summary) {
        try {
            return RunStatus.ofWord(text(summary, "status"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asText() : null;
    }

    private static Double number(JsonNode n, String key) {
        return n.hasNonNull(key) && n.get(key).isNumber() ? n.get(key).asDouble() : null;
    }

    /** The metrics column {@code name}, or null. */
    public double[] column(String name) {
        int i = metricColumns.indexOf(name);
        return i < 0 ? null : metrics[i];
    }

    /** Column names of the extra metrics (after {@code t, train_loss, eval_loss}). */
    List<String> extraColumns() {
        List<String> out = new ArrayList<>(metricColumns);
        out.removeAll(List.of("t", "train_loss", "eval_loss"));
        return out;
    }
}
