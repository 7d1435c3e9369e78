package org.icldynamics.experiment.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.run.ExperimentRun;
import org.icldynamics.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in a real browser (Debian's headless chromium; skipped when it is not installed, CI installs it):
 * a run trains in this JVM while the run page is open, the loss curve gains points, the step slider changes the
 * circuit heatmaps; the study page draws bands over seeds. Screenshots go to {@code target/dashboard/} and, when
 * {@code -Dicl.screenshots=DIR} is given, to DIR (the README's pictures: {@code -Dicl.screenshots=docs}).
 */
class DashboardBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void runPageUpdatesWhileTrainingAndStudyPageShowsBands() throws Exception {
        Path chromium = HeadlessChromium.binary();
        if (chromium == null && "true".equals(System.getenv("CI"))) {
            fail("CI must run the browser test: chromium is not installed (.ci/run installs it with apt-get)");
        }
        assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium)");
        long t0 = System.nanoTime();
        Path root = Files.createDirectories(tmp.resolve("served"));
        DashboardFixtures.study(root.resolve("study-lr"));
        lap("study fixture", t0);
        Path live = root.resolve("live");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExperimentRun run = ExperimentRun.create(live, ConfigYaml.defaults(List.of("task.d=3", "task.n=12",
                "train.batch=64", "eval.prompts=256", "train.steps=2000000", "train.logEvery=20",
                "train.evalEvery=40", "train.checkpointEvery=1000000", "train.snapshots=16", "train.threads=1",
                "train.lr=0.01")), "test", ExperimentFactory::build);
        Thread trainer = new Thread(() -> {
            try {
                run.run(new TrainingListener() { }, stop::get);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "dashboard-test-run");
        trainer.start();
        try (DashboardServer server = DashboardServer.start(new ServedRoots(List.of(root)), "127.0.0.1", 0);
             HeadlessChromium browser = HeadlessChromium.launch(chromium, tmp.resolve("profile"), 1200, 1000)) {
            lap("server and chromium up", t0);
            String base = "http://127.0.0.1:" + server.port() + "/";
            waitUntil(() -> Files.isRegularFile(live.resolve("metrics.csv"))
                    && Files.readAllLines(live.resolve("metrics.csv")).size() >= 3
                    && RunInfo.snapshotSteps(live).length >= 3, Duration.ofSeconds(60));

            lap("live run has rows and snapshots", t0);
            browser.navigate(base + "run.html?id=0/live");
            assertTrue(browser.waitFor("window.dash && dash.ready && dash.loadedStep !== null", Duration.ofSeconds(60)),
                    "run page did not load");
            int first = browser.eval("dash.points").asInt();
            assertTrue(first > 0, "points at first load: " + first);
            assertTrue(browser.waitFor("dash.points > " + first, Duration.ofSeconds(60)),
                    "the loss curve did not grow beyond " + first + " points");
            int later = browser.eval("dash.points").asInt();
            int paths = browser.eval("document.querySelectorAll('#loss g.mark-line path').length").asInt();
            assertTrue(paths >= 1, "loss line marks: " + paths);

            String newest = browser.eval("dash.heatmapFills()").asText();
            long newestStep = browser.eval("dash.loadedStep").asLong();
            int cells = browser.eval("document.querySelectorAll('#kq g.mark-rect.role-mark path').length").asInt();
            assertEquals(2 * 4 * 4, cells, "KQ heatmap cells: 2 heads of [D, D], D = 4");
            browser.eval("(() => { const s = document.getElementById('step'); s.value = 0; "
                    + "s.dispatchEvent(new Event('input')); })()");
            assertTrue(browser.waitFor("dash.loadedStep === dash.snapshots[0]", Duration.ofSeconds(30)),
                    "the slider did not load the first snapshot");
            String initial = browser.eval("dash.heatmapFills()").asText();
            assertNotEquals(newest, initial, "heatmap unchanged between step " + newestStep + " and step 0");
            assertTrue(browser.eval("document.getElementById('step-label').textContent").asText().startsWith("step 0"));
            browser.eval("(() => { const s = document.getElementById('step'); s.value = s.max; "
                    + "s.dispatchEvent(new Event('input')); })()");
            browser.waitFor("dash.loadedStep === dash.snapshots[dash.snapshots.length - 1]", Duration.ofSeconds(30));
            save("dashboard-run.png", browser.screenshot());
            System.err.printf("dashboard test: loss points %d at load, %d later; heatmap step %d vs 0 differ%n",
                    first, later, newestStep);

            lap("run page checked", t0);
            browser.navigate(base + "study.html?id=0/study-lr");
            assertTrue(browser.waitFor("window.dash && dash.ready", Duration.ofSeconds(60)), "study page did not load");
            assertEquals(DashboardFixtures.LRS.length, browser.eval("dash.bands").asInt(), "one band per train.lr");
            int errorBars = browser.eval("document.querySelectorAll('#finals g.mark-rule path, #finals g.mark-rule line')"
                    + ".length").asInt();
            assertTrue(errorBars >= DashboardFixtures.LRS.length, "error bars: " + errorBars);
            int tableRows = browser.eval("document.querySelectorAll('#rows tr').length").asInt();
            assertEquals(1 + DashboardFixtures.LRS.length * DashboardFixtures.SEEDS.length, tableRows);
            save("dashboard-study.png", browser.screenshot());

            lap("study page checked", t0);
            browser.navigate(base + "index.html");
            assertTrue(browser.waitFor("window.dash && dash.ready", Duration.ofSeconds(30)), "index did not load");
            assertEquals(2 + DashboardFixtures.LRS.length * DashboardFixtures.SEEDS.length,
                    browser.eval("document.querySelectorAll('#runs tr').length").asInt(),
                    "header, the live run and the study's runs");
        } finally {
            stop.set(true);
            trainer.join(120_000);
        }
        assertEquals(null, failure.get());
    }

    private static void lap(String what, long t0) {
        System.err.printf("dashboard test: %s at %.1f s%n", what, (System.nanoTime() - t0) * 1e-9);
    }

    private static void save(String name, byte[] png) throws Exception {
        assertTrue(png.length > 10_000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', name + ": " + png.length);
        List<Path> dirs = new ArrayList<>(List.of(Path.of("target", "dashboard")));
        String extra = System.getProperty("icl.screenshots");
        if (extra != null && !extra.isBlank()) {
            dirs.add(Path.of(extra));
        }
        for (Path d : dirs) {
            Files.createDirectories(d);
            Files.write(d.resolve(name), png);
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    private static void waitUntil(Check c, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!c.holds()) {
            assertTrue(System.nanoTime() < deadline, "timed out after " + timeout);
            Thread.sleep(100);
        }
    }
}
