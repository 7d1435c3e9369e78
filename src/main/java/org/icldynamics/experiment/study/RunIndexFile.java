package org.icldynamics.experiment.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBAppender;
import org.icldynamics.config.ConfigException;

/**
 * The on-disk run index of a directory tree: {@code DIR/.icl-runs.duckdb}, a cache of the run directories below
 * {@code DIR} (found recursively, so {@code STUDY/runs/<hash>/} too). An update reads only the run directories that
 * are new or whose files changed (size or modification time of {@code config.yaml}, {@code provenance.json},
 * {@code summary.json}, {@code metrics.csv}) and drops the ones that are gone; a deleted index is rebuilt, one of
 * another schema or one DuckDB cannot open is deleted and rebuilt.
 *
 * <p>DuckDB allows one writing process per file, so every use holds an exclusive lock on {@code DIR/.icl-runs.lock}
 * (a lock inside the JVM, then an OS file lock, which waits while another process holds it); opening is retried
 * while a process outside this protocol holds DuckDB's own lock.
 */
public final class RunIndexFile {
    public static final String INDEX = ".icl-runs.duckdb";
    public static final String LOCK = ".icl-runs.lock";
    private static final Set<String> NOT_RUNS = Set.of("snapshots", "checkpoints", "figures");
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();
    private static final long RETRY_MILLIS = 30_000;

    private final Path root;

    public RunIndexFile(Path root) {
        this.root = root;
    }

    /**
     * What an update did; {@code skipped} has one line per run directory left out because a file of it does not
     * parse (the file, the line where known, and why), read again at the next update.
     */
    public record UpdateStats(int added, int changed, int removed, int unchanged, List<String> skipped) {
        public UpdateStats {
            skipped = List.copyOf(skipped);
        }

        public UpdateStats(int added, int changed, int removed, int unchanged) {
            this(added, changed, removed, unchanged, List.of());
        }

        /** Run directories read. */
        public int read() {
            return added + changed;
        }
    }

    public Path file() {
        return root.resolve(INDEX);
    }

    /** Updates the index and copies its runs into {@code table}, their names prefixed with {@code prefix}. */
    UpdateStats updateInto(RunTable table, String prefix) throws IOException, SQLException {
        if (!Files.isDirectory(root)) {
            throw new IOException(root + ": no such directory");
        }
        Path lockFile = root.resolve(LOCK);
        ReentrantLock jvm = JVM_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(),
                k -> new ReentrantLock());
        jvm.lock();
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = ch.lock()) {
            attach(table);
            try {
                UpdateStats stats = update(table);
                table.copyFrom("idx", prefix);
                return stats;
            } finally {
                table.execute("DETACH idx");
            }
        } finally {
            jvm.unlock();
        }
    }

    private void attach(RunTable table) throws IOException, SQLException {
        Path f = file();
        if (!Files.exists(f)) {
            Files.deleteIfExists(Path.of(f + ".wal")); // a log without its database would not replay
        }
        long deadline = System.currentTimeMillis() + RETRY_MILLIS;
        boolean rebuilt = false;
        while (true) {
            try {
                table.execute("ATTACH " + RunTable.literal(f.toAbsolutePath().toString()) + " AS idx");
                break;
            } catch (SQLException e) {
                String m = RunTable.firstLine(e);
                if (m.toLowerCase().contains("lock") && System.currentTimeMillis() < deadline) {
                    sleep(200);
                } else if (!rebuilt && !m.toLowerCase().contains("lock")) {
                    rebuilt = true; // not a DuckDB file of ours (or another version's): it is a cache, rebuild it
                    Files.deleteIfExists(f);
                    Files.deleteIfExists(Path.of(f + ".wal"));
                } else {
                    throw new IOException(f + ": cannot open the run index (" + m + ")", e);
                }
            }
        }
        String version = null;
        table.createTables("idx");
        try (Statement s = table.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM idx.meta WHERE key = 'schema'")) {
            if (rs.next()) {
                version = rs.getString(1);
            }
        }
        if (!RunTable.SCHEMA_VERSION.equals(version)) {
            for (String t : RunTable.TABLES) {
                table.execute("DROP TABLE IF EXISTS idx." + t);
            }
            table.execute("DELETE FROM idx.meta");
            table.createTables("idx");
            table.execute("INSERT INTO idx.meta VALUES ('schema', " + RunTable.literal(RunTable.SCHEMA_VERSION)
                    + ")");
        }
    }

    private UpdateStats update(RunTable table) throws IOException, SQLException {
        Map<String, String> stored = new HashMap<>();
        try (Statement s = table.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT run, stamp FROM idx.runs")) {
            while (rs.next()) {
                stored.put(rs.getString(1), rs.getString(2));
            }
        }
        List<String> fresh = new ArrayList<>();
        List<String> stamps = new ArrayList<>();
        Set<String> present = new HashSet<>();
        int added = 0;
        int changed = 0;
        for (Path run : runDirectories(root)) {
            String rel = root.relativize(run).toString().replace('\\', '/');
            present.add(rel);
            String stamp = RunRecord.stamp(run);
            String old = stored.get(rel);
            if (!stamp.equals(old)) {
                fresh.add(rel);
                stamps.add(stamp);
                if (old == null) {
                    added++;
                } else {
                    changed++;
                }
            }
        }
        List<String> gone = new ArrayList<>(fresh);
        for (String rel : stored.keySet()) {
            if (!present.contains(rel)) {
                gone.add(rel);
            }
        }
        int removed = gone.size() - fresh.size();
        if (gone.isEmpty()) {
            return new UpdateStats(0, 0, 0, present.size());
        }
        // records are read before the write transaction, stamps before records: a run that changes meanwhile
        // keeps the older stamp and is read again next time. A run whose files do not parse is left out (its old
        // rows, if any, are dropped with the gone ones) and named, so one damaged run does not hide the others.
        List<RunRecord> records = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < fresh.size(); ) {
            String rel = fresh.get(i);
            try {
                records.add(RunRecord.read(root.resolve(rel)));
                i++;
            } catch (ConfigException | IOException | UncheckedIOException e) {
                skipped.add(RunRecord.unreadable(root.resolve(rel), e));
                if (stored.containsKey(rel)) {
                    changed--;
                } else {
                    added--;
                }
                fresh.remove(i);
                stamps.remove(i);
            }
        }
        table.execute("CREATE OR REPLACE TEMP TABLE gone(run VARCHAR)");
        try (DuckDBAppender a = table.connection().createAppender("temp", "main", "gone")) {
            for (String rel : gone) {
                a.beginRow().append(rel).endRow();
            }
        }
        var conn = table.connection();
        conn.setAutoCommit(false);
        try {
            for (String t : RunTable.TABLES) {
                table.execute("DELETE FROM idx.main." + t + " WHERE run IN (SELECT run FROM temp.main.gone)");
            }
            for (int i = 0; i < fresh.size(); i++) {
                table.append("idx", fresh.get(i), stamps.get(i), records.get(i));
            }
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
        return new UpdateStats(added, changed, removed, present.size() - fresh.size() - skipped.size(), skipped);
    }

    /** Run directories below {@code root} (a directory with {@code config.yaml}), sorted; hidden ones skipped. */
    static List<Path> runDirectories(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                if (!dir.equals(root) && (name.startsWith(".") || NOT_RUNS.contains(name))) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (RunRecord.isRun(dir)) {
                    out.add(dir);
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // a directory removed while we walk, or unreadable: not a run
            }
        });
        out.sort(null);
        return out;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the run index lock");
        }
    }
}
