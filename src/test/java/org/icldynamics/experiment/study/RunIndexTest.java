package org.icldynamics.experiment.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run index against the run directories it caches: exports carry exactly the numbers of metrics.csv, updates
 * read only what changed, a deleted index is rebuilt, concurrent writers (threads and another JVM) keep one row set
 * per run, and bad queries are one-line errors.
 */
class RunIndexTest {
    @TempDir
    Path dir;

    private final RandomStreams streams = new RandomStreams(20261204L);

    /** Eight runs: six under runs/ (heads 1, 2, 4 x two seeds), two in a study directory below it. */
    private Path tree() throws IOException {
        Path runs = dir.resolve("runs");
        SplittableRandom rng = streams.stream("run-index-fixture");
        int[] heads = {1, 2, 4};
        for (int h = 0; h < 3; h++) {
            for (int s = 0; s < 2; s++) {
                RunDirectoryFixture.writeRun(runs.resolve("he-h" + heads[h] + "-s" + s), heads[h], 0.001 * (s + 1),
                        s, 7 + h, rng);
            }
        }
        RunDirectoryFixture.writeRun(runs.resolve("study/runs/0a1b2c"), 8, 0.01, 0, 5, rng);
        RunDirectoryFixture.writeRun(runs.resolve("study/runs/3d4e5f"), 8, 0.02, 1, 5, rng);
        return runs;
    }

    @Test
    void parquetAndCsvExportsCarryTheExactNumbersOfEveryMetricsFile() throws Exception {
        Path runs = tree();
        Path parquet = dir.resolve("m.parquet");
        Path csv = dir.resolve("m.csv");
        long rows;
        try (RunTable t = RunTable.open()) {
            assertEquals(8, t.add(runs).added());
            RunQuery q = t.query();
            rows = q.export(parquet, "parquet", null);
            assertEquals(rows, q.export(csv, "csv", null));
        }
        List<Path> runDirs = RunIndexFile.runDirectories(runs);
        assertEquals(8, runDirs.size());
        long expected = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            for (String source : List.of("read_parquet(" + RunTable.literal(parquet.toString()) + ")",
                    "read_csv(" + RunTable.literal(csv.toString()) + ")")) {
                expected = 0;
                for (Path run : runDirs) {
                    List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
                    String heads = Files.readString(run.resolve("config.yaml")).replaceAll("(?s).*heads: (\\d+).*",
                            "$1");
                    try (ResultSet rs = s.executeQuery("SELECT step, t, train_loss, eval_loss, \"model.heads\", "
                            + "\"train.lr\", \"task.eigenvalues\", status FROM " + source + " WHERE run = "
                            + RunTable.literal(run.toString()) + " ORDER BY step")) {
                        for (int i = 1; i < lines.size(); i++) {
                            assertTrue(rs.next(), run + " row " + i);
                            String[] f = lines.get(i).split(",", -1);
                            assertEquals(Long.parseLong(f[0]), rs.getLong(1));
                            for (int col = 1; col <= 3; col++) {
                                double v = rs.getDouble(col + 1);
                                if (f[col].isEmpty()) {
                                    assertTrue(rs.wasNull(), run + ":" + (i + 1) + " column " + col + " is empty");
                                } else {
                                    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(f[col])),
                                            Double.doubleToRawLongBits(v), source + " " + run + ":" + (i + 1));
                                }
                            }
                            assertEquals(Long.parseLong(heads), rs.getLong(5));
                            assertEquals("[1.0,0.5]", rs.getString(7));
                            assertEquals("completed", rs.getString(8));
                            expected++;
                        }
                        assertFalse(rs.next(), run + ": more rows than metrics.csv");
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + source)) {
                    rs.next();
                    assertEquals(expected, rs.getLong(1), source);
                }
            }
        }
        assertEquals(expected, rows);
    }

    @Test
    void updateReadsOnlyNewOrChangedRunsAndDropsRemovedOnes() throws Exception {
        Path runs = tree();
        try (RunTable t = RunTable.open()) {
            assertEquals(new RunIndexFile.UpdateStats(8, 0, 0, 0), t.add(runs));
        }
        try (RunTable t = RunTable.open()) {
            assertEquals(new RunIndexFile.UpdateStats(0, 0, 0, 8), t.add(runs));
        }
        Path changed = runs.resolve("he-h2-s0");
        Path summary = changed.resolve("summary.json");
        Files.writeString(summary, Files.readString(summary).replace("\"completed\",", "\"diverged\","));
        Files.setLastModifiedTime(summary, FileTime.fromMillis(Files.getLastModifiedTime(summary).toMillis() + 2000));
        RunDirectoryFixture.writeRun(runs.resolve("study/runs/9f9f9f"), 16, 0.03, 2, 4,
                streams.stream("run-index-extra"));
        deleteTree(runs.resolve("he-h1-s1"));
        try (RunTable t = RunTable.open()) {
            assertEquals(new RunIndexFile.UpdateStats(1, 1, 1, 6), t.add(runs));
            RunQuery q = t.query();
            RunQuery.Rows all = q.list(null, null, false, List.of("model.heads"));
            assertEquals(8, all.rows().size());
            assertFalse(all.rows().stream().anyMatch(r -> r.get(0).toString().endsWith("he-h1-s1")));
            RunQuery.Rows div = q.list("status = 'diverged'", null, false, List.of());
            assertEquals(1, div.rows().size());
            assertEquals(changed.toString(), div.rows().get(0).get(0));
            RunQuery.Rows big = q.list("model.heads >= 8", "model.heads", true, List.of("model.heads"));
            assertEquals(List.of(16L, 8L, 8L), big.rows().stream().map(r -> r.get(r.size() - 1)).toList());
            assertEquals(List.of("model.heads", "seed", "train.lr", "train.steps"), q.varyingKeys(null));
        }
    }

    @Test
    void deletedIndexIsRebuiltWithTheSameRows() throws Exception {
        Path runs = tree();
        RunQuery.Rows before;
        try (RunTable t = RunTable.open()) {
            t.add(runs);
            before = t.query().list(null, "final_eval_loss", false, List.of("model.heads", "train.lr", "seed"));
        }
        Path index = runs.resolve(RunIndexFile.INDEX);
        assertTrue(Files.isRegularFile(index));
        Files.delete(index);
        try (RunTable t = RunTable.open()) {
            assertEquals(new RunIndexFile.UpdateStats(8, 0, 0, 0), t.add(runs));
            assertEquals(before, t.query().list(null, "final_eval_loss", false, List.of("model.heads", "train.lr",
                    "seed")));
        }
        Files.writeString(index, "not a database");
        try (RunTable t = RunTable.open()) {
            assertEquals(8, t.add(runs).added());
            assertEquals(before.rows().size(), t.size());
        }
    }

    @Test
    void concurrentWritersInThreadsAndAnotherJvmKeepOneCopyOfEveryRun() throws Exception {
        Path runs = tree();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                RunIndexWriterMain.class.getName(), runs.toString(), "4").redirectErrorStream(true).start();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> jobs = new ArrayList<>();
        SplittableRandom rng = streams.stream("run-index-concurrent");
        jobs.add(pool.submit(() -> {
            for (int i = 0; i < 4; i++) {
                RunDirectoryFixture.writeRun(runs.resolve("late/run" + i), 2, 0.001, i, 6, rng);
                try (RunTable t = RunTable.open()) {
                    t.add(runs);
                }
            }
            return null;
        }));
        jobs.add(pool.submit(() -> {
            for (int i = 0; i < 4; i++) {
                try (RunTable t = RunTable.open()) {
                    t.add(runs);
                }
            }
            return null;
        }));
        for (Future<?> f : jobs) {
            f.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the other JVM finished");
        String childOut = new String(child.getInputStream().readAllBytes());
        assertEquals(0, child.exitValue(), childOut);
        try (RunTable t = RunTable.open()) {
            t.add(runs);
            assertEquals(12, t.size());
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + runs.resolve(RunIndexFile.INDEX));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM runs), (SELECT count(DISTINCT run) FROM "
                        + "runs), (SELECT count(*) FROM metrics), (SELECT count(*) FROM (SELECT DISTINCT run, step "
                        + "FROM metrics))")) {
            rs.next();
            assertEquals(12, rs.getLong(1));
            assertEquals(12, rs.getLong(2));
            long metricRows = 0;
            for (Path run : RunIndexFile.runDirectories(runs)) {
                metricRows += Files.readAllLines(run.resolve("metrics.csv")).size() - 1;
            }
            assertEquals(metricRows, rs.getLong(3));
            assertEquals(metricRows, rs.getLong(4));
        }
    }

    @Test
    void damagedRunsAreLeftOutAndNamedWhileTheOthersStayIndexed() throws Exception {
        Path runs = tree();
        try (RunTable t = RunTable.open()) {
            t.add(runs);
        }
        Path metrics = runs.resolve("he-h1-s0/metrics.csv");
        byte[] good = Files.readAllBytes(metrics);
        Files.write(metrics, new byte[] {'s', 't', 'e', 'p', ',', (byte) 0xff, '\n'});
        Path summary = Files.writeString(runs.resolve("he-h2-s0/summary.json"), "{\"status\": \"compl");
        Path config = Files.writeString(runs.resolve("study/runs/0a1b2c/config.yaml"), "seed: 1\nmodel: [\n");
        try (RunTable t = RunTable.open()) {
            RunIndexFile.UpdateStats s = t.add(runs);
            assertEquals(new RunIndexFile.UpdateStats(0, 0, 0, 5, s.skipped()), s);
            assertEquals(3, s.skipped().size(), s.skipped().toString());
            assertTrue(s.skipped().get(0).startsWith(metrics + ": not a metrics file (not UTF-8 text)"),
                    s.skipped().get(0));
            assertTrue(s.skipped().get(1).startsWith(summary + ":1: does not parse"), s.skipped().get(1));
            assertTrue(s.skipped().get(2).startsWith(config + ":"), s.skipped().get(2));
            assertEquals(5, t.size(), "the damaged runs' old rows are dropped, the others kept");
        }
        Files.write(metrics, good);
        try (RunTable t = RunTable.open()) {
            RunIndexFile.UpdateStats s = t.add(runs);
            assertEquals(1, s.read(), "the repaired run is read again");
            assertEquals(2, s.skipped().size(), s.skipped().toString());
            assertEquals(6, t.size());
        }
    }

    @Test
    void badQueriesAreOneLineErrorsNamingTheCause() throws Exception {
        Path runs = tree();
        try (RunTable t = RunTable.open()) {
            t.add(runs);
            RunQuery q = t.query();
            for (String where : List.of("model.heads >=", "model.hedas = 2", "nosuch = 1", "1 = 1; DROP TABLE x")) {
                ConfigException e = assertThrows(ConfigException.class, () -> q.list(where, null, false, List.of()));
                assertTrue(e.getMessage().startsWith("--where \"" + where + "\": "), e.getMessage());
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
            }
            assertTrue(assertThrows(ConfigException.class, () -> q.list(null, "final_loss", false, List.of()))
                    .getMessage().startsWith("--sort final_loss: no such key"));
            assertEquals(2, q.list("model.keyQuery = 'separate' AND model.heads = 8", null, false, List.of())
                    .rows().size());
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (var s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
