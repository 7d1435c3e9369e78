package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.icldynamics.experiment.study.RunDirectoryFixture;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM runs the CLI as shipped (real model and Adam), is killed once a checkpoint exists (SIGKILL, or SIGTERM for the Ctrl-C path),
 * {@code icl resume} finishes the run, and metrics.csv and every snapshot equal an uninterrupted run byte for byte.
 */
class KillAndResumeTest {
    /** The real softmax model with Adam (whose moments must survive the kill), small enough for seconds. */
    static final String[] SETTINGS = {"--set", "task.d=2", "--set", "task.n=6", "--set", "train.steps=6000",
        "--set", "train.batch=32", "--set", "train.optimizer=adam", "--set", "train.lr=0.01", "--set", "model.heads=2",
        "--set", "train.logEvery=10", "--set", "train.evalEvery=500", "--set", "train.checkpointEvery=300",
        "--set", "train.snapshots=20", "--set", "eval.prompts=128", "--set", "train.threads=2"};

    @TempDir
    static Path shared;
    private static Path straight;

    @TempDir
    Path tmp;

    /** The uninterrupted run both tests compare with, computed once. */
    @BeforeAll
    static void uninterruptedRun() {
        straight = shared.resolve("straight");
        CliRunner r = CliRunner.runReal(runArgs(straight).toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
    }

    private static List<String> runArgs(Path dir) {
        List<String> a = new ArrayList<>(List.of("run", "--out", dir.toString()));
        a.addAll(List.of(SETTINGS));
        return a;
    }

    private Process child(Path dir) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(runArgs(dir));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
                .start();
    }

    private void killAfterCheckpoint(Process p, Path dir, boolean forcibly) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!RunDirectoryFixture.hasCheckpoint(dir)) {
            assertTrue(p.isAlive(), "child ended early: " + Files.readString(tmp.resolve("child.log")));
            assertTrue(System.nanoTime() < deadline, "no checkpoint within 60 s");
            Thread.sleep(5);
        }
        if (forcibly) {
            p.destroyForcibly();
        } else {
            p.destroy();
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    }

    private void assertSameRun(Path expected, Path actual) throws IOException {
        assertArrayEquals(Files.readAllBytes(expected.resolve("metrics.csv")),
                Files.readAllBytes(actual.resolve("metrics.csv")), "metrics.csv");
        List<String> names;
        try (Stream<Path> s = Files.list(expected.resolve("snapshots"))) {
            names = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        try (Stream<Path> s = Files.list(actual.resolve("snapshots"))) {
            assertEquals(names, s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertTrue(names.contains("step_00006000.npz"), "final weights: " + names);
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(expected.resolve("snapshots").resolve(n)),
                    Files.readAllBytes(actual.resolve("snapshots").resolve(n)), n);
        }
    }

    @Test
    void resumeAfterSigkillIsBitIdenticalToAnUninterruptedRun() throws Exception {
        Path killed = tmp.resolve("killed");
        Process p = child(killed);
        killAfterCheckpoint(p, killed, true);
        assertFalse(Files.exists(killed.resolve("summary.json")), "killed mid-run, before the end");

        long checkpoint;
        try (var files = Files.list(killed.resolve("checkpoints"))) {
            String name = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".ckpt")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
            checkpoint = Long.parseLong(name.substring(5, name.indexOf('.')));
        }
        CliRunner resumed = CliRunner.runReal("resume", killed.toString());
        assertEquals(0, resumed.exit(), resumed.err());
        assertTrue(resumed.err().startsWith("icl: resuming " + killed + " from step " + checkpoint + " of "),
                "says from which step: " + resumed.err());

        assertSameRun(straight, killed);
        assertTrue(Files.readString(killed.resolve("provenance.json")).contains("icl resume"));
    }

    @Test
    void sigtermWaitsForACheckpointEndsInterruptedAndResumesBitIdentically() throws Exception {
        Path stopped = tmp.resolve("stopped");
        Process p = child(stopped);
        killAfterCheckpoint(p, stopped, false);
        assertEquals(128 + 15, p.exitValue(), "the JVM reports the signal: " + Files.readString(tmp.resolve("child.log")));
        assertTrue(Files.readString(stopped.resolve("summary.json")).contains("\"interrupted\""));

        assertEquals(0, CliRunner.runReal("resume", stopped.toString()).exit());
        assertTrue(Files.readString(stopped.resolve("summary.json")).contains("\"completed\""));
        assertEquals(0, CliRunner.runReal("resume", stopped.toString()).exit(), "resuming a completed run is a no-op");

        assertSameRun(straight, stopped);
    }
}
