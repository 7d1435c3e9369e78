package org.icldynamics.experiment.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.ReportSection;
import org.icldynamics.experiment.TheoryReferences;
import org.icldynamics.theory.ReferenceLines;

/** One run directory as the dashboard shows it: its table row and its page's header (theory lines, snapshots). */
public final class RunInfo {
    /** A run without {@code summary.json} whose metrics changed this recently is shown as running. */
    static final Duration RUNNING = Duration.ofSeconds(60);
    private static final Map<String, List<Line>> THEORY = new ConcurrentHashMap<>();

    private RunInfo() {
    }

    /** A horizontal line on the loss plot. */
    public record Line(String name, double value, String source) {
    }

    /** One row of the runs table: summary fields and the flattened config. */
    public record Row(String id, String name, String status, Long steps, Double finalTrainLoss, Double finalEvalLoss,
                      Double wallSeconds, String startTime, Map<String, String> config) {
    }

    public static Row row(String id, Path dir) {
        JsonNode s = Json.readOrNull(dir.resolve("summary.json"));
        JsonNode p = Json.readOrNull(dir.resolve("provenance.json"));
        Map<String, String> config;
        try {
            config = FlatConfig.read(dir.resolve("config.yaml"));
        } catch (IOException | RuntimeException e) {
            config = Map.of();
        }
        return new Row(id, dir.getFileName().toString(), status(dir, s), s == null ? null : longOrNull(s, "steps"),
                doubleOrNull(s, "final_train_loss"), doubleOrNull(s, "final_eval_loss"),
                doubleOrNull(s, "wall_seconds"), p == null || !p.hasNonNull("start_time") ? null
                        : p.get("start_time").asText(), config);
    }

    /**
     * {@code summary.json}'s status; {@code damaged} when that file is there but unreadable (runs write it whole, so
     * it was changed afterwards); else running (metrics written within a minute) or stopped.
     */
    static String status(Path dir, JsonNode summary) {
        if (summary != null && summary.hasNonNull("status")) {
            return summary.get("status").asText();
        }
        if (summary != null || Files.isRegularFile(dir.resolve("summary.json"))) {
            return "damaged";
        }
        try {
            Path m = dir.resolve("metrics.csv");
            if (Files.isRegularFile(m) && Files.getLastModifiedTime(m).toInstant()
                    .isAfter(Instant.now().minus(RUNNING))) {
                return "running";
            }
        } catch (IOException e) {
            return "stopped";
        }
        return "stopped";
    }

    /** The page header of one run. */
    public record Page(Row run, JsonNode summary, JsonNode provenance, List<Line> lines, long[] snapshots,
                       boolean analysis, List<String> figures) {
    }

    public static Page page(String id, Path dir) throws IOException {
        return new Page(row(id, dir), Json.readOrNull(dir.resolve("summary.json")),
                Json.readOrNull(dir.resolve("provenance.json")), lines(dir), snapshotSteps(dir),
                Files.isRegularFile(dir.resolve("analysis.json")), figures(dir));
    }

    /** The config's reference lines and the theory lines that apply (cached per config text). */
    static List<Line> lines(Path dir) throws IOException {
        String text = Files.readString(dir.resolve("config.yaml"));
        return THEORY.computeIfAbsent(text, t -> {
            List<Line> out = new ArrayList<>();
            try {
                ExperimentSpec spec = ConfigYaml.loadRun(dir.resolve("config.yaml"), List.of());
                for (ReportSection.Reference r : spec.report().references()) {
                    out.add(new Line(r.label(), r.value(), "config"));
                }
                for (ReferenceLines.Line l : TheoryReferences.of(spec)) {
                    out.add(new Line(l.name(), l.value(), l.source()));
                }
            } catch (ConfigException | IllegalArgumentException e) {
                return List.of(); // a config of another version: no lines rather than no page
            }
            return List.copyOf(out);
        });
    }

    /** Steps of the snapshots, increasing. */
    public static long[] snapshotSteps(Path dir) throws IOException {
        Path s = dir.resolve("snapshots");
        if (!Files.isDirectory(s)) {
            return new long[0];
        }
        try (Stream<Path> files = Files.list(s)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.matches("step_\\d+\\.npz"))
                    .mapToLong(f -> Long.parseLong(f.substring(5, f.indexOf('.')))).sorted().toArray();
        }
    }

    static List<String> figures(Path dir) throws IOException {
        Path f = dir.resolve("figures");
        if (!Files.isDirectory(f)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(f)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png")).sorted().toList();
        }
    }

    private static Long longOrNull(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asLong() : null;
    }

    private static Double doubleOrNull(JsonNode n, String key) {
        return n != null && n.hasNonNull(key) && n.get(key).isNumber() && Double.isFinite(n.get(key).asDouble())
                ? n.get(key).asDouble() : null;
    }
}
