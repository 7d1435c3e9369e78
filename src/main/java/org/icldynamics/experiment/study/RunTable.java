package org.icldynamics.experiment.study;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The runs of one {@code icl runs} command in an in-memory DuckDB database: a directory tree is read through its
 * on-disk index ({@link RunIndexFile}, updated first), a single run directory straight from its files. Tables (the
 * same in the index files):
 * <pre>
 * runs(run, stamp, status, steps, final_train_loss, final_eval_loss, wall_seconds, message, metrics_rows)
 * keys(run, key, value)                    flattened config keys and provenance.* as text
 * metrics(run, step, t, train_loss, eval_loss)
 * metrics_extra(run, step, name, value)    further metrics.csv columns (eval_iw, ...)
 * </pre>
 * In this table {@code run} is the run directory's path as the user would type it ({@code DIR/REL}).
 */
public final class RunTable implements AutoCloseable {
    static final String SCHEMA_VERSION = "1";
    private static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS %s.meta(key VARCHAR, value VARCHAR)",
            "CREATE TABLE IF NOT EXISTS %s.runs(run VARCHAR, stamp VARCHAR, status VARCHAR, steps BIGINT, "
                    + "final_train_loss DOUBLE, final_eval_loss DOUBLE, wall_seconds DOUBLE, message VARCHAR, "
                    + "metrics_rows BIGINT)",
            "CREATE TABLE IF NOT EXISTS %s.keys(run VARCHAR, key VARCHAR, value VARCHAR)",
            "CREATE TABLE IF NOT EXISTS %s.metrics(run VARCHAR, step BIGINT, t DOUBLE, train_loss DOUBLE, "
                    + "eval_loss DOUBLE)",
            "CREATE TABLE IF NOT EXISTS %s.metrics_extra(run VARCHAR, step BIGINT, name VARCHAR, value DOUBLE)");
    static final List<String> TABLES = List.of("runs", "keys", "metrics", "metrics_extra");

    private final DuckDBConnection conn;
    private final boolean withMetrics;

    private RunTable(DuckDBConnection conn, boolean withMetrics) {
        this.conn = conn;
        this.withMetrics = withMetrics;
    }

    /** An empty table (in memory); extension autoinstall and autoload are off, so nothing touches the network. */
    public static RunTable open() {
        return open(true);
    }

    /**
     * An empty table that loads only runs and keys from the indexes (the metrics tables stay empty): enough for
     * {@code list}, and faster.
     */
    public static RunTable openSummaries() {
        return open(false);
    }

    private static RunTable open(boolean withMetrics) {
        try {
            Properties p = new Properties();
            p.setProperty("autoinstall_known_extensions", "false");
            p.setProperty("autoload_known_extensions", "false");
            DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", p);
            RunTable t = new RunTable(c, withMetrics);
            t.createTables("memory");
            return t;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB: " + firstLine(e), e);
        }
    }

    DuckDBConnection connection() {
        return conn;
    }

    void createTables(String catalog) throws SQLException {
        try (Statement s = conn.createStatement()) {
            for (String ddl : DDL) {
                s.execute(ddl.formatted(catalog));
            }
        }
    }

    /**
     * Adds the runs under {@code dir}: a run directory itself, or every run directory below it (found
     * recursively; study directories included) through the index file in {@code dir}, updated first.
     *
     * @return what the update of the index read (for a single run directory: one added run)
     */
    public RunIndexFile.UpdateStats add(Path dir) throws IOException {
        String shown = dir.normalize().toString();
        try {
            if (RunRecord.isRun(dir)) {
                append("memory", shown, RunRecord.stamp(dir), RunRecord.read(dir));
                return new RunIndexFile.UpdateStats(1, 0, 0, 0);
            }
            return new RunIndexFile(dir).updateInto(this, shown.isEmpty() || shown.endsWith("/") ? shown
                    : shown + "/");
        } catch (SQLException e) {
            throw new IOException(dir + ": run index: " + firstLine(e), e);
        }
    }

    /** Number of runs loaded. */
    public long size() throws SQLException {
        try (Statement s = conn.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM memory.runs")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Appends one run's rows to the tables of {@code catalog} (the caller removed any older rows of it). */
    void append(String catalog, String run, String stamp, RunRecord r) throws SQLException {
        try (DuckDBAppender a = conn.createAppender(catalog, "main", "keys")) {
            for (Map.Entry<String, String> e : r.keys().entrySet()) {
                a.beginRow().append(run).append(e.getKey()).append(e.getValue()).endRow();
            }
        }
        double[] t = r.column("t");
        double[] train = r.column("train_loss");
        double[] eval = r.column("eval_loss");
        try (DuckDBAppender a = conn.createAppender(catalog, "main", "metrics")) {
            for (int i = 0; i < r.steps().length; i++) {
                a.beginRow().append(run).append(r.steps()[i]);
                value(value(value(a, t, i), train, i), eval, i).endRow();
            }
        }
        List<String> extra = r.extraColumns();
        if (!extra.isEmpty()) {
            try (DuckDBAppender a = conn.createAppender(catalog, "main", "metrics_extra")) {
                for (String name : extra) {
                    double[] v = r.column(name);
                    for (int i = 0; i < r.steps().length; i++) {
                        if (!Double.isNaN(v[i])) {
                            a.beginRow().append(run).append(r.steps()[i]).append(name).append(v[i]).endRow();
                        }
                    }
                }
            }
        }
        RunRecord.Summary s = r.summary();
        try (DuckDBAppender a = conn.createAppender(catalog, "main", "runs")) {
            a.beginRow().append(run).append(stamp);
            if (s == null) {
                a.append("unfinished").appendNull().appendNull().appendNull().appendNull().append("no summary.json");
            } else {
                a.append(s.status().word()).append(s.steps()).append(s.finalTrainLoss()).append(s.finalEvalLoss())
                        .append(s.wallSeconds()).append(s.message());
            }
            a.append((long) r.steps().length).endRow();
        }
    }

    private static DuckDBAppender value(DuckDBAppender a, double[] column, int i) throws SQLException {
        return column == null || Double.isNaN(column[i]) ? a.appendNull() : a.append(column[i]);
    }

    /** Copies the tables of an attached index into memory, {@code prefix} prepended to every run name. */
    void copyFrom(String catalog, String prefix) throws SQLException {
        for (String table : withMetrics ? TABLES : List.of("runs", "keys")) {
            try (PreparedStatement p = conn.prepareStatement("INSERT INTO memory.main." + table + " SELECT * REPLACE "
                    + "(? || run AS run) FROM " + catalog + ".main." + table)) {
                p.setString(1, prefix);
                p.executeUpdate();
            }
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    /** The first line of a DuckDB error (its messages go on with the query and a caret). */
    static String firstLine(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    /** {@code s} as a SQL string literal. */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** {@code s} as a SQL identifier. */
    static String identifier(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    /** The table's queries: list, export. */
    public RunQuery query() throws SQLException {
        return new RunQuery(conn);
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            // closing an in-memory database loses nothing
        }
    }
}
