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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.icldynamics.experiment.study.Study;
import org.icldynamics.experiment.study.StudyPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code icl sweep} with the real models: every run of the pool is bit-identical to a standalone {@code icl run} of
 * its resolved config (on another thread count), a second sweep trains nothing, {@code kill -9} of a sweep at random
 * moments followed by a rerun still gives bit-identical runs, and a bad study stops before anything runs.
 */
class SweepCommandTest {
    /** Softmax with tau2 * d != 1: no theory line applies, so each run's figure is quick. */
    static final String STUDY = """
            sweep:
              grid:
                model.heads: [1, 2]
              seeds: 2
            task:
              d: 2
              n: 6
            train:
              steps: 1000
              batch: 32
              lr: 0.01
              logEvery: 10
              evalEvery: 250
              checkpointEvery: 100
              snapshots: 5
            eval:
              prompts: 128
            """;

    @TempDir
    static Path shared;
    private static Path studyFile;
    private static List<StudyPoint> points;

    @TempDir
    Path tmp;

    /** Each point run standalone with `icl run CONFIG` (2 threads), the reference for every test. */
    @BeforeAll
    static void standaloneRuns() throws IOException {
        studyFile = shared.resolve("tiny.yaml");
        Files.writeString(studyFile, STUDY);
        points = Study.load(studyFile, List.of()).points();
        Path configs = Files.createDirectories(shared.resolve("configs"));
        for (StudyPoint p : points) {
            Path config = configs.resolve(p.id() + ".yaml");
            Files.writeString(config, org.icldynamics.experiment.ConfigYaml.write(p.spec()));
            CliRunner r = CliRunner.runReal("run", config.toString(), "--set", "train.threads=2", "--out",
                    shared.resolve("standalone").resolve(p.id()).toString());
            assertEquals(0, r.exit(), r.err());
        }
    }

    private static void assertSameAsStandalone(Path study) throws IOException {
        for (StudyPoint p : points) {
            Path expected = shared.resolve("standalone").resolve(p.id());
            Path actual = study.resolve("runs").resolve(p.id());
            assertArrayEquals(Files.readAllBytes(expected.resolve("metrics.csv")),
                    Files.readAllBytes(actual.resolve("metrics.csv")), p.id() + " metrics.csv");
            List<String> names;
            try (Stream<Path> s = Files.list(expected.resolve("snapshots"))) {
                names = s.map(f -> f.getFileName().toString()).sorted().toList();
            }
            assertTrue(names.contains("step_00001000.npz"), names.toString());
            for (String n : names) {
                assertArrayEquals(Files.readAllBytes(expected.resolve("snapshots").resolve(n)),
                        Files.readAllBytes(actual.resolve("snapshots").resolve(n)), p.id() + " " + n);
            }
            assertTrue(Files.readString(actual.resolve("summary.json")).contains("\"completed\""));
        }
    }

    @Test
    void poolRunsAreBitIdenticalToStandaloneRunsAndASecondSweepTrainsNothing() throws IOException {
        Path out = tmp.resolve("study");
        CliRunner r = CliRunner.runReal("sweep", studyFile.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("sweep tiny: 4/4 done, 0 running, 0 failed"), r.err());
        assertSameAsStandalone(out);
        List<String> csv = Files.readAllLines(out.resolve("study.csv"));
        assertEquals("run,model.heads,seed,status,final_train_loss,final_eval_loss,wall_seconds", csv.get(0));
        assertEquals(5, csv.size());
        for (int i = 0; i < 4; i++) {
            String summary = Files.readString(out.resolve("runs").resolve(points.get(i).id()).resolve("summary.json"));
            String[] cells = csv.get(i + 1).split(",");
            assertEquals(points.get(i).id(), cells[0]);
            assertEquals("completed", cells[3]);
            assertTrue(summary.contains("\"final_eval_loss\" : " + cells[5]), summary + " vs " + cells[5]);
        }
        for (String f : List.of("final_eval_loss-vs-model.heads.png", "loss-curves.png", "loss-curves.svg")) {
            assertTrue(Files.size(out.resolve("figures").resolve(f)) > 1000, f);
        }
        assertTrue(Files.readString(out.resolve("study.yaml")).contains("model.heads:"));

        byte[] provenance = Files.readAllBytes(out.resolve("runs").resolve(points.get(0).id()).resolve("provenance.json"));
        byte[] table = Files.readAllBytes(out.resolve("study.csv"));
        long t0 = System.nanoTime();
        CliRunner again = CliRunner.runReal("sweep", studyFile.toString(), "--out", out.toString());
        double seconds = (System.nanoTime() - t0) * 1e-9;
        assertEquals(0, again.exit(), again.err());
        assertArrayEquals(provenance, Files.readAllBytes(out.resolve("runs").resolve(points.get(0).id())
                .resolve("provenance.json")), "the second sweep neither resumed nor reran a run");
        assertArrayEquals(table, Files.readAllBytes(out.resolve("study.csv")));
        assertTrue(seconds < 5, "second sweep took " + seconds + " s");
        assertEquals(r.out(), again.out(), "the finished study answers from its manifest with the same report");
        assertTrue(again.err().contains("sweep tiny: 4/4 done, 0 running, 0 failed"), again.err());

        try (Stream<Path> f = Files.list(out.resolve("figures"))) { // stale manifest: the full path redraws
            for (Path p : f.toList()) {
                Files.delete(p);
            }
        }
        CliRunner redraw = CliRunner.runReal("sweep", studyFile.toString(), "--out", out.toString());
        assertEquals(0, redraw.exit(), redraw.err());
        assertTrue(Files.size(out.resolve("figures").resolve("loss-curves.png")) > 1000);
        assertArrayEquals(provenance, Files.readAllBytes(out.resolve("runs").resolve(points.get(0).id())
                .resolve("provenance.json")), "the full path reused every run too");

        CliRunner status = CliRunner.runReal("sweep", "--status", out.toString());
        assertEquals(0, status.exit());
        assertTrue(status.out().contains("tiny: 4/4 done {completed=4}"), status.out());
    }

    @Test
    void killNineAtRandomMomentsThenARerunGivesBitIdenticalRuns() throws Exception {
        SplittableRandom rng = new SplittableRandom(20261204L);
        Path out = tmp.resolve("killed");
        int killedMidRun = 0;
        for (int trial = 0; trial < 3; trial++) {
            Process p = child(out);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!Files.isDirectory(out.resolve("runs")) && p.isAlive()) {
                assertTrue(System.nanoTime() < deadline, "the sweep did not start within 120 s");
                Thread.sleep(5);
            }
            Thread.sleep(rng.nextInt(100, 2500));
            boolean alive = p.isAlive();
            p.destroyForcibly();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            killedMidRun += alive ? 1 : 0;
        }
        assertTrue(killedMidRun >= 1, "no trial killed the sweep while it ran");
        CliRunner rerun = CliRunner.runReal("sweep", studyFile.toString(), "--out", out.toString(), "--jobs", "2");
        assertEquals(0, rerun.exit(), rerun.err());
        assertSameAsStandalone(out);
        try (Stream<Path> s = Files.list(out.resolve("runs"))) {
            assertEquals(4, s.filter(Files::isDirectory).count(), "no run duplicated");
        }
    }

    private Process child(Path out) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "sweep", studyFile.toString(), "--out", out.toString(), "--jobs", "2"));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile())
                .start();
    }

    @Test
    void aBadStudyExitsTwoWithFileAndLineBeforeAnythingRuns() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, STUDY.replace("model.heads: [1, 2]", "model.heads: [1, 2]\n    task.n: [6, 0]"));
        Path out = tmp.resolve("never");
        CliRunner r = CliRunner.runReal("sweep", bad.toString(), "--out", out.toString());
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("icl: error: " + bad + ":4: task.n = 0: must be"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(Files.exists(out), "nothing ran");
    }
}
