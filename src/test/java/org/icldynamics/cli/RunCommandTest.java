package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.run.MetricsLog;
import org.icldynamics.train.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    static final String[] SMALL = {"--set", "task.d=3", "--set", "task.n=8", "--set", "train.steps=300",
        "--set", "train.batch=64", "--set", "train.optimizer=sgd", "--set", "train.lr=0.05", "--set", "train.logEvery=10",
        "--set", "train.evalEvery=50", "--set", "train.checkpointEvery=100", "--set", "train.snapshots=6",
        "--set", "eval.prompts=256", "--set", "model.initScale=0",
        "--set", "train.threads=1"};

    @TempDir
    Path tmp;

    /** {@code run --out DIR}, the small settings, then {@code extra} (which override them). */
    static String[] args(Path dir, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("run", "--out", dir.toString()));
        a.addAll(List.of(SMALL));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void completedRunWritesEveryFileOfTheRunDirectory() throws IOException {
        Path dir = tmp.resolve("run");
        CliRunner r = CliRunner.run(args(dir, "--set", "report.references=[{label: floor, value: 0.1}]"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("completed") && r.out().contains("final eval loss"), r.out());
        assertTrue(r.out().contains("figures           " + dir.resolve("figures").resolve("loss.png")),
                "the summary says where the figures went: " + r.out());

        ObjectMapper json = new ObjectMapper();
        JsonNode summary = json.readTree(dir.resolve("summary.json").toFile());
        assertEquals("completed", summary.get("status").asText());
        assertEquals(300, summary.get("steps").asLong());
        assertTrue(summary.get("final_eval_loss").asDouble() > 0);
        assertTrue(summary.get("wall_seconds").asDouble() > 0);
        JsonNode prov = json.readTree(dir.resolve("provenance.json").toFile());
        for (String k : new String[] {"version", "git_commit", "seed", "jvm", "threads", "command_line",
                "start_time", "end_time"}) {
            assertFalse(prov.get(k).isNull(), k);
        }
        assertTrue(prov.get("command_line").asText().startsWith("icl run --out " + dir + " --set task.d=3"));

        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        assertEquals(MetricsLog.HEADER, lines.get(0));
        assertEquals(1 + 31, lines.size(), "rows at steps 0, 10, ..., 300");
        List<LogRecord> rows = MetricsLog.read(dir.resolve("metrics.csv"));
        assertEquals(300, rows.get(rows.size() - 1).step());
        assertEquals(0.05 * 300, rows.get(rows.size() - 1).t());
        assertTrue(rows.get(rows.size() - 1).evalLoss() < rows.get(0).evalLoss(), "the model learns");
        assertTrue(Double.isNaN(rows.get(1).evalLoss()), "step 10 is not an eval step");

        assertTrue(Files.size(dir.resolve("figures/loss.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("figures/loss.svg")).contains("<svg"));
        try (Stream<Path> s = Files.list(dir.resolve("snapshots"))) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals("step_00000000.npz", names.get(0));
            assertEquals("step_00000300.npz", names.get(names.size() - 1));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void resolvedConfigInTheRunDirectoryEqualsTheCommandLineConfig() throws IOException {
        Path dir = tmp.resolve("run");
        assertEquals(0, CliRunner.run(args(dir)).exit());
        List<String> sets = Stream.of(SMALL).filter(s -> !s.equals("--set")).toList();
        assertEquals(ConfigYaml.defaults(sets), ConfigYaml.load(dir.resolve("config.yaml"), List.of()));
    }

    @Test
    void anExistingRunIsNeverOverwritten() throws IOException {
        Path dir = tmp.resolve("run");
        assertEquals(0, CliRunner.run(args(dir)).exit());
        byte[] metrics = Files.readAllBytes(dir.resolve("metrics.csv"));
        CliRunner again = CliRunner.run(args(dir));
        assertEquals(2, again.exit());
        assertTrue(again.err().contains("already holds a run"), again.err());
        assertArrayEquals(metrics, Files.readAllBytes(dir.resolve("metrics.csv")));
    }

    @Test
    void divergingRunExitsWith1StatusDivergedAndKeepsMetricsUpToTheDivergence() throws IOException {
        Path dir = tmp.resolve("run");
        CliRunner r = CliRunner.run(args(dir, "--set", "train.lr=1e6",
                "--set", "train.optimizer=gd"));
        assertEquals(1, r.exit(), r.err());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("diverged", summary.get("status").asText());
        long at = summary.get("steps").asLong();
        assertTrue(at > 0 && at < 300, "diverged at " + at);
        assertTrue(summary.get("message").asText().contains("step " + at));
        List<LogRecord> rows = MetricsLog.read(dir.resolve("metrics.csv"));
        LogRecord last = rows.get(rows.size() - 1);
        assertEquals(at, last.step(), "the last row is the divergence");
        assertEquals(at, summary.get("divergence_step").asLong());
        double initial = Math.max(rows.get(0).trainLoss(), rows.get(0).evalLoss());
        assertFalse(last.trainLoss() <= 1e4 * initial, "non-finite or above train.divergence x the initial loss");
        assertTrue(rows.subList(0, rows.size() - 1).stream().allMatch(x -> Double.isFinite(x.trainLoss())));
        assertTrue(Files.exists(dir.resolve("figures/loss.png")));
    }

    @Test
    void realModelDivergingUnderHugeGdStepsExitsWith1AndStatusDiverged() throws IOException {
        Path dir = tmp.resolve("real");
        CliRunner r = CliRunner.runTinyReal(dir, "train.steps=500", "model.scores=linear", "model.init=gaussian",
                "model.initScale=1", "train.optimizer=gd", "train.lr=1e4", "train.logEvery=1");
        assertEquals(1, r.exit(), r.err());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("diverged", summary.get("status").asText());
        List<LogRecord> rows = MetricsLog.read(dir.resolve("metrics.csv"));
        assertEquals(summary.get("steps").asLong(), rows.get(rows.size() - 1).step());
        assertEquals(rows.size() - 1, rows.get(rows.size() - 1).step(), "one row per step up to the divergence");
        assertTrue(r.out().contains("diverged"), r.out());
    }
}
