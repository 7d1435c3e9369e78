package org.icldynamics.cli;

import static org.icldynamics.cli.RunDamage.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icldynamics.experiment.run.MetricsLog;
import org.icldynamics.train.LogRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs that cannot go on or cannot start: the run directory deleted mid-run, a full disk, sizes beyond the heap,
 * an empty or unwritable {@code --out}, a leftover of a run killed before its first row, and divergence.
 */
class RunFailureTest {
    @TempDir
    Path tmp;

    private static void deleteTree(Path root) {
        try (java.util.stream.Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void runDirectoryDeletedMidRunFailsWithinOneLogIntervalAndLeavesNothing() {
        Path dir = tmp.resolve("run");
        CliRunner r = CliRunner.run(RunDamage.atStep(155, () -> deleteTree(dir)), RunCommandTest.args(dir));
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.out().contains("status            failed") && r.out().contains("steps             150")
                && r.out().contains("the run directory " + dir + " vanished while the run was going"), r.out());
        assertFalse(r.out().contains("to continue"), "no resume hint for a vanished directory");
        assertFalse(Files.exists(dir), "nothing written after the deletion");
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void fullDiskFailsWithinOneLogIntervalWithStatusFailedAndNoTemporaryFiles() throws IOException {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(full), "needs /dev/full (writes fail with 'No space left on device')");
        Path dir = tmp.resolve("run");
        CliRunner r = CliRunner.run(RunDamage.atStep(155, () -> {
            try {
                Path m = dir.resolve("metrics.csv");
                Files.copy(m, dir.resolve("metrics.kept"));
                Files.delete(m);
                Files.createSymbolicLink(m, full);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), RunCommandTest.args(dir));
        assertEquals(1, r.exit(), r.err());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("failed", summary.get("status").asText());
        assertEquals(150, summary.get("steps").asLong(), "the last step recorded; the row of step 160 failed");
        assertTrue(summary.get("message").asText().toLowerCase(java.util.Locale.ROOT)
                .contains("no space left on device"), summary.toString());
        assertTrue(r.out().contains("icl resume " + dir), "a failed run can be resumed once fixed: " + r.out());
        assertEquals(List.of(), RunDamage.temporaryFiles(dir));
        assertFalse(Files.exists(dir.resolve("figures/loss.png")), "no figure of a failed run");
        List<LogRecord> kept = MetricsLog.read(dir.resolve("metrics.kept"));
        assertEquals(150, kept.get(kept.size() - 1).step(), "rows before the disk filled are kept");
    }

    @Test
    void figureWriteOnAFullDiskLeavesASummaryWithTheReasonAndResumeDrawsIt() throws IOException {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.exists(full), "needs /dev/full (writes fail with 'No space left on device')");
        Path dir = tmp.resolve("run");
        Path svgTemp = dir.resolve("figures/.loss.tmp.svg"); // where XChart writes the SVG before its rename
        CliRunner r = CliRunner.run(RunDamage.atStep(5, () -> {
            try {
                Files.createSymbolicLink(svgTemp, full);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), RunCommandTest.args(dir));
        assertEquals(1, r.exit(), r.out() + r.err());
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("failed", summary.get("status").asText());
        String message = summary.get("message").asText();
        assertTrue(message.endsWith("cannot write the run directory: No space left on device"), message);
        assertFalse(r.out().contains("Exception") || r.out().contains("(and .svg)"), r.out());
        assertTrue(r.out().contains("icl resume " + dir), r.out());
        Files.deleteIfExists(svgTemp);
        CliRunner resumed = CliRunner.run("resume", dir.toString());
        assertEquals(0, resumed.exit(), resumed.out() + resumed.err());
        assertEquals("completed", new ObjectMapper().readTree(dir.resolve("summary.json").toFile()).get("status")
                .asText());
        assertTrue(Files.size(dir.resolve("figures/loss.svg")) > 1000, "resume draws the figure");
    }

    @Test
    void sizesBeyondTheHeapStopBeforeAnythingIsWritten() {
        Path dir = tmp.resolve("big");
        for (String set : new String[] {"train.batch=10000000", "model.heads=10000000", "eval.prompts=100000000"}) {
            CliRunner r = CliRunner.runReal("run", "--out", dir.toString(), "--set", set);
            assertEquals(2, r.exit(), set + ": " + r.err());
            assertOneLine(r);
            assertTrue(r.err().matches("(?s).*(needs about [0-9.]+ GB of heap .* but the JVM has [0-9.]+ GB; .*"
                    + "ICL_JAVA_OPTS=-Xmx[0-9]+g|need an array of .* more than Java allows).*"), r.err());
            assertFalse(Files.exists(dir), set);
            assertFalse(Files.exists(tmp.resolve(".big.partial")), set);
        }
    }

    @Test
    void sizesBeyondJavaArraysStopWithOneLineInsteadOfNegativeArraySize() {
        Path dir = tmp.resolve("big");
        for (String set : new String[] {"train.batch=100000000", "task.d=50000", "train.batch=2147483647",
            "eval.prompts=2147483647"}) {
            CliRunner r = CliRunner.runReal("run", "--out", dir.toString(), "--set", set);
            assertEquals(2, r.exit(), set + ": " + r.err());
            assertOneLine(r);
            assertFalse(Files.exists(dir), set);
        }
    }

    @Test
    void emptyOutIsAOneLineError() {
        CliRunner r = CliRunner.run(RunCommandTest.args(Path.of("")));
        assertEquals(2, r.exit(), r.err());
        assertOneLine(r);
        assertTrue(r.err().contains("--out is empty"), r.err());
    }

    @Test
    void unwritableOutIsAOneLineError() throws IOException {
        Path ro = tmp.resolve("ro");
        Files.createDirectories(ro);
        boolean readOnly = ro.toFile().setWritable(false, false) && !Files.isWritable(ro);
        Path target = readOnly ? ro.resolve("run") : Path.of("/sys/icl-run-test"); // root writes anywhere but /sys
        try {
            CliRunner r = CliRunner.run(RunCommandTest.args(target));
            assertEquals(2, r.exit(), r.err());
            assertOneLine(r);
            assertTrue(r.err().contains(target + ": cannot create the run directory here ("), r.err());
            assertFalse(Files.exists(target));
        } finally {
            ro.toFile().setWritable(true, false);
        }
    }

    @Test
    void leftoverOfARunKilledBeforeItsFirstRowIsReplaced() throws IOException {
        Path partial = tmp.resolve(".run.partial");
        Files.createDirectories(partial);
        Files.writeString(partial.resolve("config.yaml"), "seed: 1\n");
        Path dir = tmp.resolve("run");
        CliRunner r = CliRunner.run(RunCommandTest.args(dir));
        assertEquals(0, r.exit(), r.err());
        assertFalse(Files.exists(partial));
        assertTrue(Files.exists(dir.resolve("summary.json")));
    }

    @Test
    void nonEmptyOutThatHoldsNoRunIsRefused() throws IOException {
        Path dir = tmp.resolve("busy");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("notes.txt"), "mine");
        CliRunner r = CliRunner.run(RunCommandTest.args(dir));
        assertEquals(2, r.exit(), r.err());
        assertOneLine(r);
        assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
    }

    @Test
    void adamWithAHugeStepDivergesAndTheSummaryAgreesWithTheMetrics() throws IOException {
        Path dir = tmp.resolve("adam");
        CliRunner r = CliRunner.runTinyReal(dir, "train.steps=200", "train.optimizer=adam", "train.lr=1e6",
                "train.logEvery=1", "train.evalEvery=5", "train.threads=1");
        assertEquals(1, r.exit(), r.err());
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertEquals("diverged", s.get("status").asText());
        List<LogRecord> rows = MetricsLog.read(dir.resolve("metrics.csv"));
        LogRecord last = rows.get(rows.size() - 1);
        assertEquals(last.step(), s.get("divergence_step").asLong());
        assertEquals(last.step(), s.get("steps").asLong());
        double initial = Math.max(rows.get(0).trainLoss(), rows.get(0).evalLoss());
        assertFalse(last.trainLoss() <= 1e4 * initial, "the last row is above 10^4 x the initial loss");
        if (Double.isFinite(last.trainLoss())) {
            assertEquals(last.trainLoss(), s.get("final_train_loss").asDouble(), 0.0, "summary = metrics");
        } else {
            assertTrue(s.get("final_train_loss").isNull());
        }
        LogRecord evalRow = rows.stream().filter(x -> !Double.isNaN(x.evalLoss())).reduce((a, b) -> b).orElseThrow();
        assertEquals(evalRow.step(), s.get("final_eval_step").asLong(), "the summary names its eval loss's step");
        assertEquals(evalRow.evalLoss(), s.get("final_eval_loss").asDouble(), 0.0);
    }

    /** Divergence is found for every stepping optimizer, and analysing a diverged run prints readable numbers. */
    @Test
    void sgdAndGdWithAHugeStepDivergeTooAndAnalyzeOfADivergedRunStaysReadable() throws IOException {
        for (String optimizer : new String[] {"sgd", "gd"}) {
            Path dir = tmp.resolve(optimizer);
            CliRunner r = CliRunner.runTinyReal(dir, "train.steps=200", "train.optimizer=" + optimizer, "train.lr=1e6",
                    "train.logEvery=1", "train.evalEvery=5", "train.threads=1");
            assertEquals(1, r.exit(), optimizer + ": " + r.err());
            assertTrue(r.out().contains("status            diverged") && r.out().contains("diverged at step "),
                    optimizer + ": " + r.out());
            JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
            assertEquals("diverged", s.get("status").asText(), optimizer);
            List<LogRecord> rows = MetricsLog.read(dir.resolve("metrics.csv"));
            assertEquals(rows.get(rows.size() - 1).step(), s.get("divergence_step").asLong(), optimizer);
        }
        CliRunner a = CliRunner.runReal("analyze", tmp.resolve("sgd").toString());
        assertEquals(0, a.exit(), a.err());
        for (String line : a.out().replace(tmp.toString(), "TMP").lines().toList()) { // no 220-digit numbers
            assertTrue(line.length() <= 200 && !line.matches(".*\\d{16,}.*"), "readable: " + line);
        }
    }

    @Test
    void completedRunSummaryHasNoDivergenceStep() throws IOException {
        Path dir = tmp.resolve("ok");
        assertEquals(0, CliRunner.run(RunCommandTest.args(dir)).exit());
        JsonNode s = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        assertTrue(s.get("divergence_step").isNull());
        assertEquals(300, s.get("final_eval_step").asLong());
    }
}
