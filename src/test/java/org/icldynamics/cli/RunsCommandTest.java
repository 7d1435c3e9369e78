package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.experiment.study.RunDirectoryFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icl runs list|compare|export} end to end, in-process. */
class RunsCommandTest {
    @TempDir
    Path dir;

    private Path runs() throws Exception {
        Path runs = dir.resolve("runs");
        SplittableRandom rng = new RandomStreams(7).stream("runs-command-fixture");
        RunDirectoryFixture.writeRun(runs.resolve("h1"), 1, 0.001, 0, 5, rng);
        RunDirectoryFixture.writeRun(runs.resolve("h4"), 4, 0.001, 0, 5, rng);
        RunDirectoryFixture.writeRun(runs.resolve("study/runs/ab12"), 8, 0.002, 1, 6, rng);
        return runs;
    }

    @Test
    void listFiltersByADottedKeyAndSortsByASummaryField() throws Exception {
        Path runs = runs();
        CliRunner r = CliRunner.run("runs", "list", runs.toString(), "--where", "model.heads >= 4", "--sort",
                "final_eval_loss", "--desc");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        assertTrue(lines.get(0).startsWith("run") && lines.get(0).contains("model.heads")
                && lines.get(0).contains("final_eval_loss"), lines.get(0));
        int col = List.of(lines.get(0).split("\\s+")).indexOf("final_eval_loss");
        double first = Double.parseDouble(lines.get(1).split("\\s+")[col]);
        double second = Double.parseDouble(lines.get(2).split("\\s+")[col]);
        assertTrue(first >= second, r.out());
        assertTrue(r.err().contains("3 runs (3 run directories read, 0 unchanged)"), r.err());
        CliRunner again = CliRunner.run("runs", "list", runs.toString());
        assertTrue(again.err().contains("3 runs (0 run directories read, 3 unchanged)"), again.err());
    }

    @Test
    void badWhereAndMissingDirectoryAreOneLineWithExit2() throws Exception {
        Path runs = runs();
        CliRunner r = CliRunner.run("runs", "list", runs.toString(), "--where", "model.heads >=");
        assertEquals(2, r.exit());
        List<String> err = r.err().lines().filter(l -> l.startsWith("icl: error")).toList();
        assertEquals(1, err.size(), r.err());
        assertTrue(err.get(0).startsWith("icl: error: --where \"model.heads >=\": Parser Error"), r.err());
        assertEquals("", r.out());
        CliRunner missing = CliRunner.run("runs", "list", dir.resolve("nope").toString());
        assertEquals(2, missing.exit());
        assertEquals("icl: error: " + dir.resolve("nope") + ": no such directory", missing.err().strip());
    }

    @Test
    void compareShowsTheKeysThatDifferAndBothSummaries() throws Exception {
        Path runs = runs();
        CliRunner r = CliRunner.run("runs", "compare", runs.resolve("h1").toString(), runs.resolve("h4").toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("model\\.heads\\s+1\\s+4")), r.out());
        assertTrue(r.out().lines().noneMatch(l -> l.startsWith("train.lr")), r.out());
        assertTrue(r.out().contains("metrics: 5 of 5 steps"), r.out());
    }

    @Test
    void exportWritesOneRowPerMetricsRow() throws Exception {
        Path runs = runs();
        Path out = dir.resolve("all.csv");
        CliRunner r = CliRunner.run("runs", "export", runs.toString(), "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("wrote 16 rows to " + out, r.out().strip());
        List<String> lines = Files.readAllLines(out);
        assertEquals(17, lines.size());
        assertTrue(lines.get(0).startsWith("run,step,t,train_loss,eval_loss,status,"), lines.get(0));
    }
}
