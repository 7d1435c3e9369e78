package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at moments spread evenly over the first 300 ms after a run starts writing (its temporary directory
 * appears; every other moment counts from the appearance of the run directory itself, which under load may come
 * later than 300 ms): every run directory left behind resumes to metrics and snapshots byte-identical to an unkilled run, or
 * no run directory exists (only the hidden temporary one, which the next {@code icl run} replaces). The default suite
 * kills at 10 moments; the slow-tagged test at 50.
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

    @TempDir
    Path tmp;

    @BeforeAll
    static void unkilledRun() {
        straight = shared.resolve("straight");
        CliRunner r = CliRunner.runReal(args(straight));
        assertEquals(0, r.exit(), r.err());
    }

    private static String[] args(Path dir) {
        List<String> a = new ArrayList<>(List.of("run", "--out", dir.toString()));
        a.addAll(List.of(TINY));
        return a.toArray(String[]::new);
    }

    private Process child(Path dir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args(dir)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(dir.getFileName() + ".log")
                .toFile()).start();
    }

    /** Kills at {@code moments} moments over the window; returns {survived by resume, left no directory}. */
    private int[] killTrials(int moments) throws Exception {
        int resumed = 0;
        int none = 0;
        for (int i = 0; i < moments; i++) {
            long delayMicros = i * WINDOW_MS * 1000 / moments;
            Path dir = tmp.resolve("k" + i);
            Path partial = tmp.resolve(".k" + i + ".partial");
            Process p = child(dir);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            // even moments count from the temporary directory's appearance, odd ones from the run directory's
            while ((i % 2 == 0 ? !Files.exists(partial) : true) && !Files.exists(dir) && p.isAlive()) {
                assertTrue(System.nanoTime() < deadline, "the run did not start within 120 s");
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            while (System.nanoTime() - start < delayMicros * 1000) {
                Thread.onSpinWait();
            }
            p.destroyForcibly();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            if (!Files.exists(dir)) {
                none++;
                CliRunner again = CliRunner.runReal(args(dir)); // the leftover temporary directory is replaced
                assertEquals(0, again.exit(), again.err());
                assertFalse(Files.exists(partial));
            } else {
                resumed++;
                CliRunner r = CliRunner.runReal("resume", dir.toString());
                assertEquals(0, r.exit(), "kill at " + delayMicros + " us: " + r.err());
            }
            RunDamage.assertSameRun(straight, dir);
        }
        System.err.printf("early kills: %d moments over %d ms: %d directories resumed bit-identically, %d left none%n",
                moments, WINDOW_MS, resumed, none);
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
                Thread.onSpinWait();
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
    void killsInTheFirst300MsLeaveNoDirectoryOrOneThatResumesBitIdentically() throws Exception {
        int[] n = killTrials(10);
        assertEquals(10, n[0] + n[1]);
        assertTrue(n[0] >= 5, "the kills after the run directory appeared left directories to resume: " + n[0]);
    }

    @Test
    @Tag("slow")
    void fiftyKillsInTheFirst300Ms() throws Exception {
        int[] n = killTrials(50);
        assertEquals(50, n[0] + n[1]);
        assertTrue(n[0] >= 25, "the kills after the run directory appeared left directories to resume: " + n[0]);
    }
}
