package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at moments spread evenly over the first 300 ms after a run starts writing (its temporary directory
 * appears; every other moment counts from the appearance of the run directory itself, which under load may come
 * later than 300 ms): every run directory left behind resumes to metrics and snapshots byte-identical to an unkilled run, or
 * no run directory exists (only the hidden temporary one, which the next {@code icl run} replaces). The default suite
 * kills at 50 moments (6 ms apart, two child JVMs at a time; the survivors resume in this JVM); the slow-tagged test
 * at 200.
 */
class EarlyKillTest {
    /** A tiny real run: softmax attention, Adam, a row every step, a checkpoint every 5 steps. */
    static final String[] TINY = {"--set", "task.d=2", "--set", "task.n=4", "--set", "train.steps=120",
        "--set", "train.batch=8", "--set", "eval.prompts=16", "--set", "train.logEvery=1", "--set", "train.evalEvery=20",
        "--set", "train.checkpointEvery=10", "--set", "train.snapshots=4", "--set", "train.threads=1"};
    static final long WINDOW_MS = 300;

    @TempDir
    static Path shared;
    private static Path straight;
    private static ChildJvm jvm;

    @TempDir
    Path tmp;

    /** The unkilled run, in a child JVM that also records the class cache of the later children. */
    @BeforeAll
    static void unkilledRun() throws Exception {
        jvm = new ChildJvm(shared);
        straight = shared.resolve("straight");
        Path log = shared.resolve("straight.log");
        Process p = new ProcessBuilder(jvm.command(List.of(args(straight)))).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(log));
    }

    private static String[] args(Path dir) {
        List<String> a = new ArrayList<>(List.of("run", "--out", dir.toString()));
        a.addAll(List.of(TINY));
        return a.toArray(String[]::new);
    }

    private Process child(Path dir) throws IOException {
        return new ProcessBuilder(jvm.command(List.of(args(dir)))).redirectErrorStream(true).redirectOutput(tmp.resolve(dir.getFileName() + ".log")
                .toFile()).start();
    }

    /** What one kill left behind. */
    private enum Left { NO_DIRECTORY, RUN_DIRECTORY }

    /**
     * Starts a child, waits for the moment's origin (moment {@code i}: even ones count from the temporary directory's
     * appearance, odd ones from the run directory's), waits {@code delayMicros} more and sends {@code kill -9}.
     * Returns what is left and records by how much the kill came late.
     */
    private Left killOnce(int i, long delayMicros, long[] lateMicros) throws Exception {
        Path dir = tmp.resolve("k" + i);
        Path partial = tmp.resolve(".k" + i + ".partial");
        Process p = child(dir);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while ((i % 2 == 0 ? !Files.exists(partial) : true) && !Files.exists(dir) && p.isAlive()) {
            assertTrue(System.nanoTime() < deadline, "the run did not start within 180 s");
            LockSupport.parkNanos(100_000);
        }
        long killAt = System.nanoTime() + delayMicros * 1000;
        while (System.nanoTime() < killAt - 150_000) {
            LockSupport.parkNanos(100_000);
        }
        while (System.nanoTime() < killAt) {
            Thread.onSpinWait();
        }
        lateMicros[i] = (System.nanoTime() - killAt) / 1000;
        p.destroyForcibly();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        // killed (137), or it had already finished (0): never an error of its own
        assertTrue(p.exitValue() == 137 || p.exitValue() == 0,
                "moment " + i + ": exit " + p.exitValue() + ": " + Files.readString(tmp.resolve("k" + i + ".log")));
        return Files.exists(dir) ? Left.RUN_DIRECTORY : Left.NO_DIRECTORY;
    }

    /**
     * Kills at {@code moments} moments spread evenly over the window, two children at a time; meanwhile this JVM
     * resumes every run directory left behind and compares it with the unkilled run. Returns {resumed, left none}.
     */
    private int[] killTrials(int moments) throws Exception {
        long t0 = System.nanoTime();
        long[] lateMicros = new long[moments];
        ExecutorService slots = Executors.newFixedThreadPool(2);
        CompletionService<Integer> killed = new ExecutorCompletionService<>(slots);
        Left[] left = new Left[moments];
        int resumed = 0;
        int none = 0;
        boolean replaced = false;
        try {
            for (int i = 0; i < moments; i++) {
                int moment = i;
                killed.submit(() -> {
                    left[moment] = killOnce(moment, moment * WINDOW_MS * 1000 / moments, lateMicros);
                    return moment;
                });
            }
            for (int k = 0; k < moments; k++) {
                int i = killed.take().get();
                Path dir = tmp.resolve("k" + i);
                Path partial = tmp.resolve(".k" + i + ".partial");
                if (left[i] == Left.RUN_DIRECTORY) {
                    resumed++;
                    CliRunner r = CliRunner.runReal("resume", dir.toString());
                    assertEquals(0, r.exit(), "moment " + i + ": " + r.err());
                    RunDamage.assertSameRun(straight, dir);
                    assertFalse(Files.exists(partial));
                } else {
                    none++;
                    assertFalse(Files.exists(dir));
                    if (Files.exists(partial) && !replaced) { // the next run into the same --out replaces the leftover
                        replaced = true;
                        CliRunner again = CliRunner.runReal(args(dir));
                        assertEquals(0, again.exit(), again.err());
                        assertFalse(Files.exists(partial));
                        RunDamage.assertSameRun(straight, dir);
                    }
                }
            }
        } finally {
            slots.shutdownNow();
        }
        System.err.printf("early kills: %d moments over %d ms, two children at a time: %d directories resumed "
                + "bit-identically, %d left none; kills came at most %d us late; %.1f s%n", moments, WINDOW_MS,
                resumed, none, java.util.Arrays.stream(lateMicros).max().orElse(0), (System.nanoTime() - t0) * 1e-9);
        return new int[] {resumed, none};
    }

    /** SIGTERM (as Ctrl-C) at 5 moments over the window: each run prints its summary and the resume hint. */
    @Test
    void sigtermAtAnyEarlyMomentPrintsTheSummaryAndTheResumeHint() throws Exception {
        for (int i = 0; i < 5; i++) {
            Path dir = tmp.resolve("t" + i);
            Path partial = tmp.resolve(".t" + i + ".partial");
            Process p = child(dir);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.exists(partial) && !Files.exists(dir) && p.isAlive()) {
                assertTrue(System.nanoTime() < deadline, "the run did not start within 120 s");
                LockSupport.parkNanos(100_000);
            }
            Thread.sleep(i * WINDOW_MS / 5);
            p.destroy();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            String log = Files.readString(tmp.resolve(dir.getFileName() + ".log"));
            assertTrue(log.contains("status            interrupted") && log.contains("icl resume " + dir)
                    || log.contains("status            completed"), "moment " + i + ": " + log);
            assertEquals(0, CliRunner.runReal("resume", dir.toString()).exit());
            RunDamage.assertSameRun(straight, dir);
        }
    }

    @Test
    void fiftyKillsInTheFirst300MsLeaveNoDirectoryOrOneThatResumesBitIdentically() throws Exception {
        int[] n = killTrials(50);
        assertEquals(50, n[0] + n[1]);
        assertTrue(n[0] >= 25, "the kills after the run directory appeared left directories to resume: " + n[0]);
    }

    @Test
    @Tag("slow")
    void twoHundredKillsInTheFirst300Ms() throws Exception {
        int[] n = killTrials(200);
        assertEquals(200, n[0] + n[1]);
        assertTrue(n[0] >= 100, "the kills after the run directory appeared left directories to resume: " + n[0]);
    }
}
