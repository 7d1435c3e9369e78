package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An {@code --out} directory that cannot be made (here: below a regular file) is a one-line usage error naming it,
 * before any run starts or any result is computed; a file the tool cannot write later is one line without a class
 * name (before: {@code icl: failed: java.nio.file.NoSuchFileException: ...} after the first runs had started).
 */
class OutputDirectoryErrorsTest {
    @TempDir
    Path tmp;

    private Path blocked() throws IOException {
        return Files.writeString(tmp.resolve("a-file"), "").resolve("out");
    }

    private static void assertOutError(CliRunner r, Path out) {
        r.assertOneLineError("--out " + out, "cannot create this directory", "choose another --out");
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void figureReproduceAndSweepStopBeforeAnyRun() throws IOException {
        Path out = blocked();
        assertOutError(CliRunner.run("figure", "zhang25-fig3-staircase", "--quick", "--out", out.toString()), out);
        assertOutError(CliRunner.run("reproduce", "--all", "--quick", "--out", out.toString()), out);
        Path study = Files.writeString(tmp.resolve("study.yaml"), "train: {steps: 4}\nsweep:\n  grid:\n"
                + "    model.heads: [1, 2]\n");
        assertOutError(CliRunner.run("sweep", study.toString(), "--out", out.toString()), out);
    }

    @Test
    void analyzeEvalAndAlgorithmsStopBeforeComputing() throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, CliRunner.runTinyReal(run, "train.steps=4").exit());
        Path out = blocked();
        assertOutError(CliRunner.runReal("analyze", run.toString(), "--out", out.toString()), out);
        assertOutError(CliRunner.runReal("eval", run.toString(), "--out", out.toString()), out);
        assertOutError(CliRunner.runReal("algorithms", "experiments/chenzhaozou24-sparse-algorithms.yaml", "--out",
                out.toString()), out);
    }

    @Test
    void aFileThatCannotBeWrittenIsOneLineWithoutAClassName() throws IOException {
        Path run = tmp.resolve("run");
        assertEquals(0, CliRunner.runTinyReal(run, "train.steps=4").exit());
        Files.createDirectories(run.resolve("analysis.json/x")); // a directory where analyze writes a file
        CliRunner r = CliRunner.runReal("analyze", run.toString());
        assertTrue(r.exit() != 0, r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertFalse(r.err().contains("java."), r.err());
        assertTrue(r.err().startsWith("icl: failed: "), r.err());
        assertTrue(r.err().contains(run.resolve("analysis.json").toString()), r.err());
    }

    @Test
    void algorithmsOptionsOutOfRangeAreUsageErrorsBeforeTheOutputDirectory() {
        Path out = tmp.resolve("alg");
        String preset = "experiments/chenzhaozou24-sparse-algorithms.yaml";
        CliRunner.runReal("algorithms", preset, "--out", out.toString(), "--n", "5,0")
                .assertOneLineError("--n 0: every context length must be >= 1");
        CliRunner.runReal("algorithms", preset, "--out", out.toString(), "--noise", "-1")
                .assertOneLineError("--noise -1.0");
        CliRunner.runReal("algorithms", preset, "--out", out.toString(), "--test-prompts", "1")
                .assertOneLineError("--test-prompts 1", "need at least 2 prompts");
        assertFalse(Files.exists(out), "nothing created for bad options");
    }
}
