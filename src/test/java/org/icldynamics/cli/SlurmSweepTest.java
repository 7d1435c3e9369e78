package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.icldynamics.experiment.study.PointRun;
import org.icldynamics.experiment.study.SlurmArrayJob;
import org.icldynamics.experiment.study.SlurmTaskState;
import org.icldynamics.experiment.study.Study;
import org.icldynamics.experiment.study.StudyPoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code icl sweep --slurm} end to end on a real single-node Slurm ({@code bash scripts/slurm-local.sh start};
 * {@code .ci/run} starts it): two array tasks of two runs each; task 1 is cancelled while its first run trains (after
 * a checkpoint), requeued, and resumes that run from its checkpoint; the collected {@code study.csv} equals the local
 * pool's (wall seconds aside), and no run is lost or run twice.
 */
class SlurmSweepTest {
    @TempDir
    Path tmp;

    @Test
    void slurmStudyEqualsTheLocalPoolsWithOneTaskCancelledAndRequeued() throws Exception {
        assumeTrue(SlurmArrayJob.clusterAnswers(), "no Slurm cluster (bash scripts/slurm-local.sh start)");
        Path file = tmp.resolve("tiny.yaml");
        Files.writeString(file, SweepCommandTest.STUDY.replace("steps: 1000", "steps: 6000"));
        Path local = tmp.resolve("local");
        CliRunner l = CliRunner.runReal("sweep", file.toString(), "--out", local.toString(), "--jobs", "2");
        assertEquals(0, l.exit(), l.err());

        Path dir = tmp.resolve("slurm");
        CliRunner sub = CliRunner.runReal("sweep", file.toString(), "--out", dir.toString(), "--slurm",
                "--runs-per-task", "2", "--cpus-per-task", "1");
        assertEquals(0, sub.exit(), sub.err());
        String id = sub.out().strip();
        assertTrue(id.matches("\\d+"), sub.out());
        List<StudyPoint> points = Study.load(file, List.of()).points();
        Path victim = dir.resolve("runs").resolve(points.get(2).id()); // the first run of task 1

        await("task 1 trains its first run past a checkpoint", () -> "RUNNING".equals(state(id, 1))
                && hasCheckpoint(victim));
        SlurmArrayJob.cancel(id, 1);
        await("task 1 cancelled", () -> "CANCELLED".equals(state(id, 1)));
        assertFalse(PointRun.finished(victim), "cancelled mid-run");
        SlurmArrayJob.requeue(id, 1);
        await("every task finished", () -> SlurmArrayJob.tasks(id).size() == 2
                && SlurmArrayJob.tasks(id).stream().allMatch(SlurmTaskState::finished));
        for (SlurmTaskState t : SlurmArrayJob.tasks(id)) {
            assertTrue(t.succeeded(), t.toString());
            assertEquals(t.task(), t.restarts(), t.toString());
        }
        CliRunner status = CliRunner.runReal("sweep", "--status", dir.toString());
        assertTrue(status.out().contains("tiny: 4/4 done {completed=4}"), status.out());

        CliRunner collect = CliRunner.runReal("sweep", file.toString(), "--out", dir.toString());
        assertEquals(0, collect.exit(), collect.err());
        assertEquals(withoutWall(local.resolve("study.csv")), withoutWall(dir.resolve("study.csv")));
        ObjectMapper json = new ObjectMapper();
        for (StudyPoint p : points) {
            JsonNode prov = json.readTree(dir.resolve("runs").resolve(p.id()).resolve("provenance.json").toFile());
            assertEquals(p.index() == 2 ? 1 : 0, prov.get("resumes").size(), p.index() + ": " + prov);
            assertTrue(prov.get("command_line").asText().contains("--worker"), prov.toString());
        }
        try (Stream<Path> s = Files.list(dir.resolve("runs"))) {
            assertEquals(4, s.filter(Files::isDirectory).count());
        }
    }

    /** study.csv without its last column (wall seconds differ between any two executions). */
    private static List<String> withoutWall(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(r -> r.substring(0, r.lastIndexOf(','))).toList();
    }

    private static boolean hasCheckpoint(Path run) throws IOException {
        Path c = run.resolve("checkpoints");
        if (!Files.isDirectory(c)) {
            return false;
        }
        try (Stream<Path> s = Files.list(c)) {
            return s.anyMatch(f -> f.getFileName().toString().endsWith(".ckpt"));
        }
    }

    private static String state(String id, int task) {
        SlurmTaskState s = SlurmArrayJob.task(id, task);
        return s == null ? "UNKNOWN" : s.state();
    }

    private static void await(String what, Callable<Boolean> cond) throws Exception {
        long deadline = System.nanoTime() + 150_000_000_000L;
        while (!cond.call()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(100);
        }
    }
}
