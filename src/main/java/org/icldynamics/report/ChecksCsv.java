package org.icldynamics.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code checks.csv}: one row per claim, columns
 * {@code figure,claim,measured,expected,tolerance,comparison,verdict,note}. Numbers are written with
 * {@link Double#toString} so a read gives back the same doubles; text is quoted RFC-4180 style.
 */
public final class ChecksCsv {
    public static final String HEADER = "figure,claim,measured,expected,tolerance,comparison,verdict,note";

    private ChecksCsv() {
    }

    public static String render(List<Check> checks) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Check c : checks) {
            sb.append(quote(c.figure())).append(',').append(quote(c.claim())).append(',')
                    .append(c.measured()).append(',').append(c.expected()).append(',').append(c.tolerance())
                    .append(',').append(c.comparison().name().toLowerCase(java.util.Locale.ROOT)).append(',')
                    .append(c.verdict().name().toLowerCase(java.util.Locale.ROOT)).append(',')
                    .append(quote(c.note())).append('\n');
        }
        return sb.toString();
    }

    public static void write(Path file, List<Check> checks) throws IOException {
        AtomicFiles.writeString(file, render(checks));
    }

    /** Reads a file written by {@link #write} (the verdict column is recomputed, not trusted). */
    public static List<Check> read(Path file) throws IOException {
        List<List<String>> rows = Csv.parse(Files.readString(file));
        if (rows.isEmpty() || !String.join(",", rows.get(0)).equals(HEADER)) {
            throw new IOException(file + ": not a checks file (expected header '" + HEADER + "')");
        }
        List<Check> out = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            if (r.size() != 8) {
                throw new IOException(file + ": a row has " + r.size() + " fields, expected 8: " + r);
            }
            out.add(new Check(r.get(0), r.get(1), Double.parseDouble(r.get(2)), Double.parseDouble(r.get(3)),
                    Double.parseDouble(r.get(4)),
                    Check.Comparison.valueOf(r.get(5).toUpperCase(java.util.Locale.ROOT)), r.get(7)));
        }
        return out;
    }

    static String quote(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
