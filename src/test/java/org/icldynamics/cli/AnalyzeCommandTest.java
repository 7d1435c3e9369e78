package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icl analyze} through the command line: files written, bad input named. */
class AnalyzeCommandTest {
    @TempDir
    Path tmp;

    @Test
    void analyzeWritesAnalysisJsonAndFiguresIntoTheRunDirectory() throws Exception {
        Path dir = tmp.resolve("run");
        assertEquals(0, CliRunner.run(RunCommandTest.args(dir)).exit());
        CliRunner r = CliRunner.run("analyze", dir.toString(), "--prompts", "256");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("analysis of run"), r.out());
        assertTrue(Files.size(dir.resolve("analysis.json")) > 100);
        assertTrue(Files.exists(dir.resolve("figures").resolve("analysis-loss.png")));
        // the test model is y = x_q^T Gamma b: one identification per chosen step, the final one included
        assertTrue(Files.readString(dir.resolve("analysis.json")).contains("\"step\" : 300"));
    }

    @Test
    void analyzeOfADirectoryThatIsNoRunIsAUsageErrorNamingIt() {
        CliRunner r = CliRunner.run("analyze", tmp.resolve("nothing").toString());
        assertEquals(Main.USAGE, r.exit());
        assertTrue(r.err().contains("not a run directory (no config.yaml)"), r.err());
    }
}
