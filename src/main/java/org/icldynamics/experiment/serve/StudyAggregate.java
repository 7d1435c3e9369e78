package org.icldynamics.experiment.serve;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.hipparchus.distribution.continuous.TDistribution;

/**
 * A study summed up over seeds: the final loss against each swept key (mean and 95% t-interval over the seeds of
 * each point), and the loss curves of each configuration (mean over seeds with the band from the lowest to the
 * highest seed at every logged step all its runs reached).
 */
public final class StudyAggregate {
    /** Most steps per curve sent to the page (evenly spread over the row indices). */
    static final int MAX_POINTS = 400;

    private StudyAggregate() {
    }

    /**
     * One point of a final-loss plot.
     *
     * @param key the swept key on the x axis
     * @param value its value (text as in study.csv)
     * @param group the other swept keys, {@code k=v, ...}
     * @param n finite final losses over seeds
     * @param lo lower end of the 95% t-interval of the mean (the mean itself when n = 1)
     */
    public record Point(String key, String value, String group, int n, double mean, double standardError, double lo,
                       double hi) {
    }

    /** One step of a grouped curve: mean, lowest and highest over the group's seeds. */
    public record BandPoint(String group, double step, double mean, double lo, double hi, int n) {
    }

    public static List<Point> finalLoss(StudyTable table) {
        List<Point> out = new ArrayList<>();
        for (String key : table.keys()) {
            Map<List<String>, List<Double>> groups = new LinkedHashMap<>();
            for (Map<String, String> row : table.rows()) {
                double v = StudyTable.finalLoss(row);
                if (Double.isFinite(v)) {
                    groups.computeIfAbsent(List.of(row.get(key), others(table, row, key)), g -> new ArrayList<>())
                            .add(v);
                }
            }
            groups.forEach((g, values) -> out.add(point(key, g.get(0), g.get(1), values)));
        }
        return out;
    }

    static Point point(String key, String value, String group, List<Double> v) {
        int n = v.size();
        double mean = v.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n < 2) {
            return new Point(key, value, group, n, mean, Double.NaN, mean, mean);
        }
        double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        double se = Math.sqrt(ss / (n - 1) / n);
        double t = new TDistribution(n - 1).inverseCumulativeProbability(0.975);
        return new Point(key, value, group, n, mean, se, mean - t * se, mean + t * se);
    }

    /** The configuration of {@code row} without {@code key}: {@code k=v, ...} over the other swept keys. */
    static String others(StudyTable table, Map<String, String> row, String key) {
        List<String> parts = new ArrayList<>();
        for (String k : table.keys()) {
            if (!k.equals(key)) {
                parts.add(k + "=" + row.get(k));
            }
        }
        return parts.isEmpty() ? "all" : String.join(", ", parts);
    }

    /** Curves of {@code column} (e.g. {@code train_loss}) grouped by configuration, read from {@code runs/RUN/}. */
    public static List<BandPoint> curves(StudyTable table, Path studyDir, String column) throws IOException {
        Map<String, List<Map<Double, Double>>> groups = new LinkedHashMap<>();
        for (Map<String, String> row : table.rows()) {
            String run = row.get("run");
            if (run == null || run.isEmpty() || run.contains("/") || run.contains("\\") || run.startsWith(".")) {
                continue;
            }
            MetricsTail m = MetricsTail.read(studyDir.resolve("runs").resolve(run).resolve("metrics.csv"), 0);
            int s = m.columns().indexOf("step");
            int c = m.columns().indexOf(column);
            if (s < 0 || c < 0) {
                continue;
            }
            Map<Double, Double> curve = new TreeMap<>();
            for (Double[] r : m.rows()) {
                if (r[s] != null && r[c] != null) {
                    curve.put(r[s], r[c]);
                }
            }
            groups.computeIfAbsent(others(table, row, ""), g -> new ArrayList<>()).add(curve);
        }
        List<BandPoint> out = new ArrayList<>();
        groups.forEach((g, curves) -> out.addAll(band(g, curves)));
        return out;
    }

    static List<BandPoint> band(String group, List<Map<Double, Double>> curves) {
        List<Double> steps = new ArrayList<>(curves.get(0).keySet());
        steps.removeIf(step -> curves.stream().anyMatch(c -> !c.containsKey(step)));
        List<BandPoint> out = new ArrayList<>();
        int stride = Math.max(1, (steps.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i < steps.size(); i++) {
            if (i % stride != 0 && i != steps.size() - 1) {
                continue;
            }
            double step = steps.get(i);
            double sum = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (Map<Double, Double> c : curves) {
                double v = c.get(step);
                sum += v;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            out.add(new BandPoint(group, step, sum / curves.size(), lo, hi, curves.size()));
        }
        return out;
    }
}
