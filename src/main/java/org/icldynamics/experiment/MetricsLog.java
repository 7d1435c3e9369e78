package org.icldynamics.experiment;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.report.AtomicFiles;
import org.icldynamics.train.LogRecord;

/**
 * {@code metrics.csv}: a header, then one row {@code step,t,train_loss,eval_loss} (and any extra evaluation
 * columns, e.g. {@code eval_iw,eval_ic}) per logged step, each row written
 * and flushed as it comes so a killed run keeps every finished row. Numbers use Java's shortest round-trip decimal
 * form (bit-exact); an empty {@code eval_loss} means the step was not evaluated.
 */
public final class MetricsLog implements AutoCloseable {
    public static final String HEADER = "step,t,train_loss,eval_loss";

    private final OutputStream out;

    private MetricsLog(OutputStream out) {
        this.out = out;
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
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        OutputStream out = new FileOutputStream(file.toFile(), true);
        MetricsLog log = new MetricsLog(out);
        if (fresh) {
            log.line(extraColumns.isEmpty() ? HEADER : HEADER + "," + String.join(",", extraColumns));
        }
        return log;
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
        line(sb.toString());
    }

    private static String format(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private void line(String s) throws IOException {
        out.write((s + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
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

    /** The rows of a metrics file. */
    public static List<LogRecord> read(Path file) throws IOException {
        List<LogRecord> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",", -1);
            if (f.length >= 4) {
                out.add(new LogRecord(Long.parseLong(f[0]), Double.parseDouble(f[1]), parse(f[2]), parse(f[3])));
            }
        }
        return out;
    }

    private static double parse(String s) {
        return s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }
}
