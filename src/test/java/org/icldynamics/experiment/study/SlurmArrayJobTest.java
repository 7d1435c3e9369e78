package org.icldynamics.experiment.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sbatch script of a job array, and the array on a real cluster: tasks write files, one task is cancelled
 * mid-run and requeued, and every task ends COMPLETED. The cluster test runs when {@code sinfo} answers (start one
 * with {@code bash scripts/slurm-local.sh start}; {@code .ci/run} does).
 */
class SlurmArrayJobTest {
    @TempDir
    Path dir;

    private SlurmArrayJob job(String command, int last) {
        return new SlurmArrayJob("icl-test", null, null, 1, 0, last, 0, List.of(), dir.resolve("logs"), dir, command);
    }

    @Test
    void scriptCarriesEveryDirectiveAndTheCommandLine() {
        SlurmArrayJob j = new SlurmArrayJob("study-x", "gpu", "1-02:00:00", 4, 0, 9, 3, List.of("--mem=4G"),
                dir.resolve("logs"), dir, "run-task --task $SLURM_ARRAY_TASK_ID");
        String s = j.script();
        String logs = dir.resolve("logs").toAbsolutePath().normalize().toString();
        for (String line : List.of("#!/bin/bash", "#SBATCH --job-name=study-x", "#SBATCH --partition=gpu",
                "#SBATCH --time=1-02:00:00", "#SBATCH --cpus-per-task=4", "#SBATCH --array=0-9%3",
                "#SBATCH --requeue", "#SBATCH --open-mode=append", "#SBATCH --output=" + logs + "/study-x-%A_%a.out",
                "#SBATCH --mem=4G", "run-task --task $SLURM_ARRAY_TASK_ID")) {
            assertTrue(s.lines().anyMatch(line::equals), "missing line: " + line + "\n" + s);
        }
        String plain = job("true", 2).script();
        assertFalse(plain.contains("--partition") || plain.contains("--time"), plain);
        assertTrue(plain.contains("#SBATCH --array=0-2\n"), plain);
    }

    @Test
    void badSettingsNameTheirKey() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SlurmArrayJob("x", null, "2h", 1, 0, 1, 0,
                List.of(), dir, dir, "true"));
        assertTrue(e.getMessage().startsWith("slurm time = 2h: must be"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SlurmArrayJob("x", null, null, 0, 0, 1, 0,
                List.of(), dir, dir, "true"));
        assertTrue(e.getMessage().startsWith("slurm cpus-per-task = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SlurmArrayJob("x", "a b", null, 1, 0, 1, 0,
                List.of(), dir, dir, "true"));
        assertTrue(e.getMessage().startsWith("slurm partition = a b"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SlurmArrayJob("x", null, null, 1, 3, 2, 0,
                List.of(), dir, dir, "true"));
        assertTrue(e.getMessage().startsWith("slurm array = 3-2"), e.getMessage());
    }

    @Test
    void arrayTaskIdsExpandAsScontrolPrintsThem() {
        assertEquals(List.of(3), SlurmArrayJob.expandTaskIds("3"));
        assertEquals(List.of(2, 3, 4), SlurmArrayJob.expandTaskIds("2-4"));
        assertEquals(List.of(1, 3, 5, 6, 7), SlurmArrayJob.expandTaskIds("1,3,5-7%2"));
        assertEquals(List.of(0, 2, 4), SlurmArrayJob.expandTaskIds("0-4:2"));
        assertEquals("'a b'\\''c'", SlurmArrayJob.shellQuote("a b'c"));
        assertEquals("/x/y.jar", SlurmArrayJob.shellQuote("/x/y.jar"));
    }

    @Test
    @Tag("slurm")
    void cancelledTaskIsRequeuedAndEveryTaskCompletes() throws Exception {
        RunDirectoryFixture.assumeSlurmCluster();
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        String o = SlurmArrayJob.shellQuote(out.toString());
        // task 1's first run sleeps long enough to be cancelled mid-run; every other run is short
        String cmd = "r=${SLURM_RESTART_COUNT:-0}; t=$SLURM_ARRAY_TASK_ID; echo $r >> " + o + "/start-$t; "
                + "if [ $t = 1 ] && [ $r = 0 ]; then sleep 60; else sleep 1; fi; echo done-$r > " + o + "/done-$t";
        SlurmArrayJob j = job(cmd, 2);
        String id = j.submit(dir.resolve("array.sbatch"));
        assertTrue(id.matches("\\d+"), id);

        await("task 1 running", () -> Files.exists(out.resolve("start-1")) && state(id, 1).equals("RUNNING"));
        SlurmArrayJob.cancel(id, 1);
        await("task 1 cancelled", () -> state(id, 1).equals("CANCELLED"));
        assertFalse(Files.exists(out.resolve("done-1")), "task 1 was cancelled before it finished");
        SlurmArrayJob.requeue(id, 1);
        await("every task finished", () -> SlurmArrayJob.tasks(id).size() == 3
                && SlurmArrayJob.tasks(id).stream().allMatch(SlurmTaskState::finished));

        List<SlurmTaskState> tasks = SlurmArrayJob.tasks(id);
        for (SlurmTaskState t : tasks) {
            assertTrue(t.succeeded(), t.toString());
            assertEquals(t.task() == 1 ? 1 : 0, t.restarts(), t.toString());
            String done = Files.readString(out.resolve("done-" + t.task())).strip();
            assertEquals("done-" + t.restarts(), done);
        }
        assertEquals(List.of("0", "1"), Files.readAllLines(out.resolve("start-1")));
        String log = Files.readString(dir.resolve("logs/icl-test-" + id + "_1.out"));
        assertTrue(log.contains("task 1 restart 0") && log.contains("task 1 restart 1"), log);
        assertEquals(List.of(), SlurmArrayJob.tasks("999999999"), "a job the controller does not know");
    }

    private static String state(String id, int task) {
        SlurmTaskState s = SlurmArrayJob.task(id, task);
        assertNotNull(s, "task " + task + " of job " + id + " unknown to scontrol");
        return s.state();
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(200);
        }
    }
}
