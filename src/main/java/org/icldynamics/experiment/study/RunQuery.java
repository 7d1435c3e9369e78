package org.icldynamics.experiment.study;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;
import org.icldynamics.config.ConfigException;

/**
 * Queries over a {@link RunTable}: one row per run ({@code wide}: the summary fields, then every flattened key as a
 * typed column named by its dotted key: integers as BIGINT, numbers as DOUBLE, true/false as BOOLEAN, the rest as
 * text), filtered by a SQL condition in which dotted keys may be written bare ({@code model.heads >= 4}).
 */
public final class RunQuery {
    /** Columns of {@code wide} before the keys. */
    public static final List<String> SUMMARY = List.of("run", "status", "steps", "final_train_loss",
            "final_eval_loss", "wall_seconds", "message", "metrics_rows");
    private static final Pattern NAME = Pattern.compile("'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|"
            + "[A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)+");

    private final DuckDBConnection conn;
    private final Map<String, String> keyTypes = new LinkedHashMap<>();

    RunQuery(DuckDBConnection conn) throws SQLException {
        this.conn = conn;
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT key, "
                + "bool_and(regexp_full_match(value, '-?[0-9]{1,18}')), "
                + "bool_and(TRY_CAST(value AS DOUBLE) IS NOT NULL), "
                + "bool_and(value IN ('true', 'false')) FROM memory.keys GROUP BY key ORDER BY key")) {
            while (rs.next()) {
                keyTypes.put(rs.getString(1), rs.getBoolean(2) ? "BIGINT" : rs.getBoolean(3) ? "DOUBLE"
                        : rs.getBoolean(4) ? "BOOLEAN" : "VARCHAR");
            }
        }
        StringBuilder sql = new StringBuilder("CREATE OR REPLACE TEMP TABLE wide AS SELECT r.* EXCLUDE (stamp)");
        StringBuilder pivot = new StringBuilder("SELECT run");
        for (Map.Entry<String, String> e : keyTypes.entrySet()) {
            String column = column(e.getKey());
            sql.append(", k.").append(RunTable.identifier(column));
            pivot.append(", max(CASE WHEN key = ").append(RunTable.literal(e.getKey())).append(" THEN CAST(value AS ")
                    .append(e.getValue()).append(") END) AS ").append(RunTable.identifier(column));
        }
        pivot.append(" FROM memory.keys GROUP BY run");
        sql.append(" FROM memory.runs r LEFT JOIN (").append(pivot).append(") k USING (run)");
        try (Statement s = conn.createStatement()) {
            s.execute(sql.toString());
        }
    }

    /** The column of a key: the key itself, unless it is a summary column's name ({@code config.KEY} then). */
    static String column(String key) {
        return SUMMARY.contains(key) || key.equals("stamp") ? "config." + key : key;
    }

    /** Every key (config and provenance) with its SQL type, in key order. */
    public Map<String, String> keyTypes() {
        return keyTypes;
    }

    /** A result: header and rows of values as Java objects (Long, Double, Boolean, String, or null). */
    public record Rows(List<String> header, List<List<Object>> rows) {
    }

    /**
     * Runs matching {@code where} (null: all), sorted by {@code sort} (null: by run), with the summary columns
     * and {@code keys}.
     */
    public Rows list(String where, String sort, boolean descending, List<String> keys) {
        List<String> columns = new ArrayList<>(SUMMARY);
        columns.remove("message");
        for (String k : keys) {
            columns.add(checkedColumn(k, "key"));
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i > 0 ? ", " : "").append(RunTable.identifier(columns.get(i)));
        }
        sql.append(" FROM wide").append(whereSql(where)).append(" ORDER BY ");
        if (sort != null) {
            sql.append(RunTable.identifier(checkedColumn(sort, "--sort"))).append(descending ? " DESC" : " ASC")
                    .append(" NULLS LAST, ");
        }
        sql.append("run");
        return rows(sql.toString(), where);
    }

    /**
     * Keys whose values differ between the runs matching {@code where} (what a study varies), config keys only;
     * provenance keys are left out.
     */
    public List<String> varyingKeys(String where) {
        List<String> out = new ArrayList<>();
        for (String key : keyTypes.keySet()) {
            if (key.startsWith("provenance.")) {
                continue;
            }
            String c = RunTable.identifier(column(key));
            Rows r = rows("SELECT count(DISTINCT " + c + ") + max(CASE WHEN " + c + " IS NULL THEN 1 ELSE 0 END) "
                    + "FROM wide" + whereSql(where), where);
            if (((Number) r.rows().get(0).get(0)).longValue() > 1) {
                out.add(key);
            }
        }
        return out;
    }

    /**
     * Writes the metrics of the runs matching {@code where} as one long table: {@code run, step, t, train_loss,
     * eval_loss}, the extra metrics columns, {@code status}, then every config key as a column (provenance left
     * out). Rows ordered by run and step.
     *
     * @param format {@code parquet} or {@code csv}
     * @return the number of rows written
     */
    public long export(Path out, String format, String where) {
        List<String> extras = new ArrayList<>();
        for (List<Object> r : rows("SELECT DISTINCT name FROM memory.metrics_extra ORDER BY name", null).rows()) {
            extras.add((String) r.get(0));
        }
        StringBuilder sel = new StringBuilder("SELECT m.run, m.step, m.t, m.train_loss, m.eval_loss");
        StringBuilder extraSql = new StringBuilder("SELECT run, step");
        for (String name : extras) {
            String id = RunTable.identifier(name);
            sel.append(", x.").append(id);
            extraSql.append(", max(CASE WHEN name = ").append(RunTable.literal(name)).append(" THEN value END) AS ")
                    .append(id);
        }
        extraSql.append(" FROM memory.metrics_extra GROUP BY run, step");
        sel.append(", w.status");
        for (String key : keyTypes.keySet()) {
            if (!key.startsWith("provenance.")) {
                sel.append(", w.").append(RunTable.identifier(column(key)));
            }
        }
        sel.append(" FROM memory.metrics m JOIN (SELECT * FROM wide").append(whereSql(where)).append(") w USING (run)");
        if (!extras.isEmpty()) {
            sel.append(" LEFT JOIN (").append(extraSql).append(") x ON x.run = m.run AND x.step = m.step");
        }
        sel.append(" ORDER BY m.run, m.step");
        String options = switch (format.toLowerCase(Locale.ROOT)) {
            case "parquet" -> "(FORMAT parquet)";
            case "csv" -> "(FORMAT csv, HEADER true)";
            default -> throw new ConfigException("--format " + format + ": must be parquet or csv");
        };
        String sql = "COPY (" + sel + ") TO " + RunTable.literal(out.toAbsolutePath().toString()) + " " + options;
        try (Statement s = conn.createStatement()) {
            return s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new ConfigException(where == null ? "export to " + out + ": " + RunTable.firstLine(e)
                    : "--where \"" + where + "\": " + RunTable.firstLine(e));
        }
    }

    private String checkedColumn(String name, String option) {
        if (SUMMARY.contains(name) || keyTypes.containsKey(name)) {
            return SUMMARY.contains(name) ? name : column(name);
        }
        throw new ConfigException(option + " " + name + ": no such key in these runs (keys look like "
                + String.join(", ", keyTypes.keySet().stream().filter(k -> !k.startsWith("provenance.")).limit(4)
                        .toList()) + ", ...; summary fields: " + String.join(", ", SUMMARY) + ")");
    }

    /** {@code where} as a WHERE clause over {@code wide}, dotted keys quoted as column names. */
    String whereSql(String where) {
        if (where == null || where.isBlank()) {
            return "";
        }
        if (where.contains(";")) {
            throw new ConfigException("--where \"" + where + "\": one condition, no ';'");
        }
        Matcher m = NAME.matcher(where);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String replacement = token;
            if (!token.startsWith("'") && !token.startsWith("\"")) {
                if (!keyTypes.containsKey(token)) {
                    throw new ConfigException("--where \"" + where + "\": no key " + token
                            + " in these runs");
                }
                replacement = RunTable.identifier(column(token));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return " WHERE (" + out + ")";
    }

    private Rows rows(String sql, String where) {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            List<String> header = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                header.add(md.getColumnLabel(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= header.size(); i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return new Rows(header, rows);
        } catch (SQLException e) {
            throw new ConfigException(where == null ? RunTable.firstLine(e)
                    : "--where \"" + where + "\": " + RunTable.firstLine(e));
        }
    }
}
