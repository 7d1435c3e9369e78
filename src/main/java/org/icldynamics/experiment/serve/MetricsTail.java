package org.icldynamics.experiment.serve;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.icldynamics.config.ConfigException;

/**
 * The rows of a {@code metrics.csv} that a run may still be writing: only complete lines (ending in a newline) are
 * read, from row {@code from} on, so a client that polls with the returned {@code next} sees every row exactly once.
 * Empty and non-finite values are null (JSON has no NaN).
 *
 * @param columns the header's column names
 * @param rows one array per row, in column order
 * @param next the row index to ask for next time
 */
public record MetricsTail(List<String> columns, List<Double[]> rows, int next) {
    /** Reads {@code file} from row {@code from}; an absent file gives no columns and no rows. */
    public static MetricsTail read(Path file, int from) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new MetricsTail(List.of(), List.of(), 0);
        }
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        int complete = text.lastIndexOf('\n') + 1;
        String[] lines = text.substring(0, complete).split("\n");
        if (complete == 0 || lines.length == 0) {
            return new MetricsTail(List.of(), List.of(), 0);
        }
        if (!lines[0].startsWith("step,")) { // a damaged file: say so instead of serving its bytes as columns
            throw new ConfigException(file + ":1: damaged, not a metrics file (the header must start with 'step,')");
        }
        List<String> columns = Arrays.asList(lines[0].trim().split(","));
        List<Double[]> rows = new ArrayList<>();
        int start = Math.max(0, from);
        for (int i = 1 + Math.min(start, lines.length); i < lines.length; i++) { // a huge from: no rows, no overflow
            String[] f = lines[i].trim().split(",", -1);
            Double[] row = new Double[columns.size()];
            for (int c = 0; c < row.length && c < f.length; c++) {
                row[c] = value(f[c]);
            }
            rows.add(row);
        }
        return new MetricsTail(columns, rows, Math.max(start, lines.length - 1));
    }

    static Double value(String s) {
        if (s.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(s);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
