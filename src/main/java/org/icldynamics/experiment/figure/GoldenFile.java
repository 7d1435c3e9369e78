package org.icldynamics.experiment.figure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icldynamics.report.AtomicFiles;
import org.icldynamics.report.Check;
import org.icldynamics.report.Csv;

/**
 * The numbers that pin a figure: {@code quantity,value} rows, one per check (measured, expected, passed as 1/0) and
 * one per key number. The quick variant of every preset is pinned by {@code src/test/resources/golden/NAME.csv};
 * {@code icl figure NAME --quick --update-golden} regenerates it on purpose. Values are written with
 * {@link Double#toString} (exact round trip).
 */
public final class GoldenFile {
    /**
     * Relative tolerance of a comparison. Every run is a pure function of its seed and bit-identical on any thread
     * count, so the numbers repeat exactly; the slack only absorbs last-bit differences a different JIT tier could
     * make in library transcendentals, far below any scientific effect (losses differ between seeds by > 1e-3).
     * Measured: the Vector-API kernel rewrite (a different summation order) moved every pinned value by at most
     * 2e-14 relative, so the goldens stayed valid.
     */
    public static final double RTOL = 1e-9;
    public static final double ATOL = 1e-12;
    static final String HEADER = "quantity,value";

    private GoldenFile() {
    }

    /** The quantities of a figure result, in order. */
    public static Map<String, Double> quantities(FigureResult r) {
        Map<String, Double> q = new LinkedHashMap<>();
        for (Check c : r.checks()) {
            q.put("check/" + c.claim() + "/measured", c.measured());
            q.put("check/" + c.claim() + "/expected", c.expected());
            q.put("check/" + c.claim() + "/passed", c.passed() ? 1.0 : 0.0);
        }
        for (KeyNumber k : r.keyNumbers()) {
            q.put("key/" + k.name(), k.value());
        }
        return q;
    }

    public static void write(Path file, FigureResult r) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Map.Entry<String, Double> e : quantities(r).entrySet()) {
            String k = e.getKey();
            sb.append(k.contains(",") || k.contains("\"") ? '"' + k.replace("\"", "\"\"") + '"' : k).append(',')
                    .append(e.getValue()).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }

    public static Map<String, Double> read(Path file) throws IOException {
        List<List<String>> rows = Csv.parse(Files.readString(file));
        if (rows.isEmpty() || !String.join(",", rows.get(0)).equals(HEADER)) {
            throw new IOException(file + ": not a golden file (expected header '" + HEADER + "')");
        }
        Map<String, Double> q = new LinkedHashMap<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            q.put(r.get(0), Double.parseDouble(r.get(1)));
        }
        return q;
    }

    /** The differences between a result and its golden numbers, as messages (empty = agrees). */
    public static List<String> compare(Map<String, Double> golden, FigureResult r) {
        Map<String, Double> now = quantities(r);
        List<String> diff = new ArrayList<>();
        for (String k : golden.keySet()) {
            if (!now.containsKey(k)) {
                diff.add(k + ": in the golden file, not produced");
            }
        }
        for (Map.Entry<String, Double> e : now.entrySet()) {
            Double g = golden.get(e.getKey());
            double v = e.getValue();
            if (g == null) {
                diff.add(e.getKey() + ": produced, not in the golden file");
            } else if (!(Double.compare(g, v) == 0 || Math.abs(v - g) <= ATOL + RTOL * Math.abs(g))) {
                diff.add(e.getKey() + ": golden " + g + ", now " + v);
            }
        }
        return diff;
    }
}
