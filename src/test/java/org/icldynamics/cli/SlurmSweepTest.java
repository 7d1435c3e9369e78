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
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.icldynamics.experiment.study.PointRun;
import org.icldynamics.experiment.study.SlurmArrayJob;
import org.icldynamics.experiment.study.SlurmTaskState;
import org.icldynamics.experiment.study.Study;
import org.icldynamics.experiment.study.StudyPoint;
import org.junit.jupiter.api.Test;
import org.icldynamics.experiment.study.RunDirectoryFixture;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code icl sweep --slurm} end to end on a real single-node Slurm ({@code bash scripts/slurm-local.sh start};
 * {@code .ci/run} starts it): two array tasks of two runs each; task 1 is cancelled while its second run trains
 * (after a checkpoint), requeued, reuses its finished first run and resumes the second from its checkpoint; the
 * collected {@code study.csv} equals the local pool's (trained meanwhile in this JVM; wall seconds aside), every
 * {@code metrics.csv} is byte-identical to the pool's, and no run is lost or run twice.
 */
class SlurmSweepTest {
    @TempDir
    Path tmp;

    @Test
    void slurmStudyEqualsTheLocalPoolsWithOneTaskCancelledAndRequeued() throws Exception {
        RunDirectoryFixture.assumeSlurmCluster();
        Path file = tmp.resolve("tiny.yaml");
        Files.writeString(file, SweepCommandTest.STUDY.replace("steps: 1000", "steps: 1500"));
        Path dir = tmp.resolve("slurm");
        CliRunner sub = CliRunner.runReal("sweep", file.toString(), "--out", dir.toString(), "--slurm",
                "--runs-per-task", "2", "--cpus-per-task", "1");
        assertEquals(0, sub.exit(), sub.err());
        String id = sub.out().strip();
        assertTrue(id.matches("\\d+"), sub.out());
        // the local pool trains the same study meanwhile (no System.out use on this thread until it is joined)
        Path local = tmp.resolve("local");
        CompletableFuture<CliRunner> pool = CompletableFuture.supplyAsync(() -> CliRunner.runReal("sweep",
                file.toString(), "--out", local.toString(), "--jobs", "2"));

        List<StudyPoint> points = Study.load(file, List.of()).points();
        Path first = dir.resolve("runs").resolve(points.get(2).id()); // task 1 runs points 2 and 3
        Path victim = dir.resolve("runs").resolve(points.get(3).id());
        await("task 1 trains its second run past a checkpoint", () -> RunDirectoryFixture.hasCheckpoint(victim)
                && "RUNNING".equals(state(id, 1)));
        SlurmArrayJob.cancel(id, 1);
        await("task 1 cancelled", () -> "CANCELLED".equals(state(id, 1)));
        assertTrue(PointRun.finished(first), "task 1 finished its first run before its second");
        assertFalse(PointRun.finished(victim), "cancelled mid-run");
        byte[] firstProvenance = Files.readAllBytes(first.resolve("provenance.json"));
        // slurmd revokes a cancelled job's credential with a time stamp in whole seconds: a relaunch whose new
        // credential is issued within the same second counts as revoked and fails ("Job credential revoked"), so the
        // requeue waits past the next second boundary as a user at a terminal always does
        Thread.sleep(1100);
        SlurmArrayJob.requeue(id, 1);
        await("every task finished", () -> {
            List<SlurmTaskState> tasks = SlurmArrayJob.tasks(id);
            return tasks.size() == 2 && tasks.stream().allMatch(SlurmTaskState::finished);
        });
        for (SlurmTaskState t : SlurmArrayJob.tasks(id)) {
            assertTrue(t.succeeded(), t.toString());
            assertEquals(t.task(), t.restarts(), t.toString());
        }
        assertArrayEquals(firstProvenance, Files.readAllBytes(first.resolve("provenance.json")),
                "the requeued task reused its finished run");
        CliRunner l = pool.get(5, TimeUnit.MINUTES);
        assertEquals(0, l.exit(), l.err());
        CliRunner status = CliRunner.runReal("sweep", "--status", dir.toString());
        assertTrue(status.out().contains("tiny: 4/4 done {completed=4}"), status.out());

        CliRunner collect = CliRunner.runReal("sweep", file.toString(), "--out", dir.toString());
        assertEquals(0, collect.exit(), collect.err());
        assertEquals(withoutWall(local.resolve("study.csv")), withoutWall(dir.resolve("study.csv")));
        ObjectMapper json = new ObjectMapper();
        for (StudyPoint p : points) {
            JsonNode prov = json.readTree(dir.resolve("runs").resolve(p.id()).resolve("provenance.json").toFile());
            assertEquals(p.index() == 3 ? 1 : 0, prov.get("resumes").size(), p.index() + ": " + prov);
            assertTrue(prov.get("command_line").asText().contains("--worker"), prov.toString());
            assertArrayEquals(Files.readAllBytes(local.resolve("runs").resolve(p.id()).resolve("metrics.csv")),
                    Files.readAllBytes(dir.resolve("runs").resolve(p.id()).resolve("metrics.csv")), p.id());
        }
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            assertEquals(4, s.filter(Files::isDirectory).count());
        }
    }

    /** study.csv without its last column (wall seconds differ between any two executions). */
    private static List<String> withoutWall(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(r -> r.substring(0, r.lastIndexOf(','))).toList();
    }

    private static String state(String id, int task) {
        SlurmTaskState s = SlurmArrayJob.task(id, task);
        return s == null ? "UNKNOWN" : s.state();
    }

    private static void await(String what, Callable<Boolean> cond) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
        while (!cond.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(50);
        }
    }
}
