package org.icldynamics.experiment.run;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.config.ConfigException;
import org.icldynamics.report.AtomicFiles;
import org.icldynamics.train.LogRecord;

/**
 * {@code metrics.csv}: a header, then one row {@code step,t,train_loss,eval_loss} (and any extra evaluation
 * columns, e.g. {@code eval_iw,eval_ic}) per logged step, each row appended as it comes (the file is opened for each
 * row, so a deleted file or directory is noticed at the next row) so a killed run keeps every finished row. The
 * log also keeps the file's text, which every checkpoint saves so that resume can rebuild damaged rows. Numbers use
 * Java's shortest round-trip decimal form (bit-exact); an empty {@code eval_loss} means the step was not evaluated.
 */
public final class MetricsLog implements AutoCloseable {
    /** What to do about a damaged {@code metrics.csv}. */
    private static final String DAMAGED_HINT = "restore it from a copy, or run its config.yaml again into a new "
            + "directory";

    public static final String HEADER = "step,t,train_loss,eval_loss";

    private Path file;
    private final StringBuilder text;

    private MetricsLog(Path file, String text) {
        this.file = file;
        this.text = new StringBuilder(text);
    }

    /** Opens {@code file} for appending, writing the header first when it is new or empty. */
    public static MetricsLog open(Path file) throws IOException {
        return open(file, List.of());
    }

    /**
     * Opens {@code file} for appending; its rows carry {@code extraColumns} after {@code eval_loss} (e.g.
     * {@code eval_iw}), written with {@link #append(LogRecord, double[])}.
     */
    public static MetricsLog open(Path file, List<String> extraColumns) throws IOException {
        if (Files.exists(file) && Files.size(file) > 0) {
            return new MetricsLog(file, Files.readString(file, StandardCharsets.UTF_8));
        }
        String header = header(extraColumns) + "\n";
        Files.writeString(file, header, StandardCharsets.UTF_8);
        return new MetricsLog(file, header);
    }

    /** The header line (no newline) of a log with {@code extraColumns}. */
    public static String header(List<String> extraColumns) {
        return extraColumns.isEmpty() ? HEADER : HEADER + "," + String.join(",", extraColumns);
    }

    public void append(LogRecord r) throws IOException {
        append(r, new double[0]);
    }

    /** A row with the extra columns' values {@code [extraColumns]} (NaN = empty), not modified. */
    public void append(LogRecord r, double[] extra) throws IOException {
        StringBuilder sb = new StringBuilder().append(r.step()).append(',').append(r.t()).append(',')
                .append(format(r.trainLoss())).append(',').append(format(r.evalLoss()));
        for (double v : extra) {
            sb.append(',').append(format(v));
        }
        String line = sb.append('\n').toString();
        try {
            Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "metrics.csv or its run directory was deleted");
        }
        text.append(line);
    }

    /** The file's text as this log wrote it (header and every row). */
    public String text() {
        return text.toString();
    }

    /** The file moved to {@code to} (its run directory was renamed); later rows go there. */
    void relocate(Path to) {
        file = to;
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    @Override
    public void close() {
        // every row is written and closed as it comes
    }

    /**
     * Keeps the header and the complete rows with {@code step < before} (a row cut short by a kill is dropped);
     * rewrites the file atomically. Used on resume from a checkpoint at step {@code before}.
     */
    public static void truncate(Path file, long before) throws IOException {
        StringBuilder kept = new StringBuilder();
        String header = HEADER;
        if (Files.exists(file)) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            int end = text.lastIndexOf('\n');
            String[] lines = end < 0 ? new String[0] : text.substring(0, end).split("\n");
            header = lines.length > 0 && lines[0].startsWith(HEADER) ? lines[0] : HEADER;
            int columns = header.split(",", -1).length;
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split(",", -1);
                if (f.length == columns && Long.parseLong(f[0]) < before) {
                    kept.append(lines[i]).append('\n');
                }
            }
        }
        AtomicFiles.writeString(file, header + "\n" + kept);
    }

    /**
     * The complete rows of {@code text} with {@code step < before}, checked strictly against {@code header}: each row
     * has the header's number of fields, an integer step and numbers, and steps increase.
     *
     * @throws IllegalArgumentException naming the first damage (line number and what is wrong)
     */
    static List<String> rowsBefore(String text, String header, long before) {
        int end = text.lastIndexOf('\n');
        String[] lines = end < 0 ? new String[] {text} : text.substring(0, end).split("\n", -1);
        if (lines.length == 0 || !lines[0].equals(header)) {
            throw new IllegalArgumentException("line 1 is not the header '" + header + "'");
        }
        int columns = header.split(",", -1).length;
        List<String> rows = new ArrayList<>();
        long previous = -1;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            long step;
            try {
                if (f.length != columns) {
                    throw new NumberFormatException(f.length + " fields instead of " + columns);
                }
                step = Long.parseLong(f[0]);
                for (int k = 1; k < f.length; k++) {
                    parse(f[k]);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not a metrics row ("
                        + ConfigException.shorten(String.valueOf(e.getMessage())) + ")");
            }
            if (step <= previous) {
                throw new IllegalArgumentException("line " + (i + 1) + " has step " + step + " after step "
                        + previous);
            }
            previous = step;
            if (step < before) {
                rows.add(lines[i]);
            }
        }
        return rows;
    }

    /** The text of {@code file}, or an explanation of why it cannot be read as text. */
    static String readText(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("it is not UTF-8 text");
        }
    }

    /** The rows of a metrics file. */
    public static List<LogRecord> read(Path file) throws IOException {
        List<LogRecord> out = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file + ": damaged, not UTF-8 text; " + DAMAGED_HINT);
        }
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length >= 4) {
                try {
                    out.add(new LogRecord(Long.parseLong(f[0]), Double.parseDouble(f[1]), parse(f[2]),
                            parse(f[3])));
                } catch (NumberFormatException e) {
                    throw new ConfigException(file + ":" + (i + 1) + ": damaged, not a metrics row ("
                            + e.getMessage() + "); " + DAMAGED_HINT);
                }
            }
        }
        return out;
    }

    private static double parse(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
