package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.icldynamics.experiment.figure.FigurePreset;
import org.icldynamics.experiment.figure.FigureRunner;
import org.icldynamics.experiment.figure.RunRequest;
import org.icldynamics.experiment.figure.Variant;
import org.icldynamics.experiment.study.PointRun;
import org.icldynamics.experiment.study.SlurmArrayJob;
import org.icldynamics.experiment.study.SlurmTaskState;
import org.junit.jupiter.api.Test;
import org.icldynamics.experiment.study.RunDirectoryFixture;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code icl figure NAME --quick --slurm} on a real single-node Slurm ({@code bash scripts/slurm-local.sh start}):
 * the figure's two runs train in two array tasks into the directories a local {@code icl figure} uses; the same
 * command without {@code --slurm} then trains nothing, reuses both runs and writes the same key-numbers.csv as a
 * plain local {@code icl figure} into another directory.
 */
class SlurmFigureTest {
    private static final String NAME = "zhang25-fig1-merged-vs-cubic";

    @TempDir
    Path tmp;

    @Test
    void slurmRunsAreReusedAndTheFigureEqualsTheLocalOne() throws Exception {
        RunDirectoryFixture.assumeSlurmCluster();
        Path dir = tmp.resolve("slurm");
        CliRunner sub = CliRunner.runReal("figure", NAME, "--quick", "--out", dir.toString(), "--slurm",
                "--runs-per-task", "1", "--cpus-per-task", "1");
        assertEquals(0, sub.exit(), sub.err());
        String id = sub.out().strip();
        assertTrue(id.matches("\\d+"), sub.out());
        assertTrue(sub.err().contains("'icl figure " + NAME + " --quick --out " + dir + "' reuses them and draws"),
                sub.err());
        // a plain local figure meanwhile (no System.out use on this thread until it is joined)
        Path local = tmp.resolve("local");
        CompletableFuture<CliRunner> plain = CompletableFuture.supplyAsync(() -> CliRunner.runReal("figure", NAME,
                "--quick", "--out", local.toString(), "--cores", "1"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        List<SlurmTaskState> tasks = SlurmArrayJob.tasks(id);
        while (!(tasks.size() == 2 && tasks.stream().allMatch(SlurmTaskState::finished))) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for job " + id + ": " + tasks);
            Thread.sleep(100);
            tasks = SlurmArrayJob.tasks(id);
        }
        for (SlurmTaskState t : tasks) {
            assertTrue(t.succeeded(), t.toString());
        }
        List<RunRequest> runs = FigurePreset.named(NAME).runs(Variant.QUICK);
        assertEquals(2, runs.size());
        for (RunRequest r : runs) {
            assertTrue(PointRun.finished(FigureRunner.runRoot(dir, Variant.QUICK, r)), r.id());
        }
        CliRunner again = CliRunner.runReal("figure", NAME, "--quick", "--out", dir.toString(), "--slurm");
        assertEquals(0, again.exit(), again.err());
        assertEquals("", again.out());
        assertTrue(again.err().contains("every run is finished already"), again.err());

        CliRunner draw = CliRunner.runReal("figure", NAME, "--quick", "--out", dir.toString());
        CliRunner l = plain.get(3, TimeUnit.MINUTES);
        assertEquals(0, l.exit(), l.err());
        assertEquals(0, draw.exit(), draw.err());
        assertTrue(draw.out().contains("2 runs reused"), draw.out());
        assertFalse(draw.err().contains(": started") || draw.err().contains(": resuming"), draw.err());
        assertArrayEquals(Files.readAllBytes(local.resolve(NAME).resolve("key-numbers.csv")),
                Files.readAllBytes(dir.resolve(NAME).resolve("key-numbers.csv")));
    }
}
