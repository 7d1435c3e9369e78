package org.icldynamics.experiment.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.run.MetricsLog;
import org.icldynamics.experiment.run.RunDirectory;
import org.icldynamics.experiment.run.RunSummary;
import org.icldynamics.experiment.TheoryReferences;
import org.icldynamics.report.AxisScale;
import org.icldynamics.report.BandFigure;
import org.icldynamics.report.FigureFiles;
import org.icldynamics.report.LineSeries;
import org.icldynamics.train.LogRecord;
import org.icldynamics.train.RunStatus;

/**
 * The figures of a study, under {@code STUDY_DIR/figures/}:
 * <ul>
 *   <li>{@code final_eval_loss-vs-KEY}: for each swept key, the final eval loss against the key's value, one curve
 *       per combination of the other swept keys, mean over seeds with its 95% interval as a band; where a closed form
 *       covers the points ({@link TheoryReferences}: the optimal debiased-GD risk for softmax regression, the last
 *       plateau level for noiseless linear attention) it is drawn dashed, computed by the theory package;</li>
 *   <li>{@code loss-curves} (or {@code loss-curves-KEY=VALUE} per value of the first key when there are more than
 *       {@link #CURVES_PER_FIGURE} groups): train loss against step for each combination of swept keys, mean over
 *       seeds with a 95% band.</li>
 * </ul>
 * Only completed runs count.
 */
public final class StudyFigures {
    public static final int CURVES_PER_FIGURE = 8;

    private final Path dir;
    private final List<String> keys;
    private final List<StudyPoint> points;
    private final Map<String, RunSummary> summaries = new HashMap<>();
    private final Map<String, Double> theoryCache = new HashMap<>();

    private StudyFigures(Path dir, List<String> keys, List<StudyPoint> points) throws IOException {
        this.dir = dir;
        this.keys = keys;
        this.points = new ArrayList<>();
        for (StudyPoint p : points) {
            RunSummary s = PointRun.summary(StudyRunner.runRoot(dir, p));
            if (s != null && s.status() == RunStatus.COMPLETED) {
                summaries.put(p.id(), s);
                this.points.add(p);
            }
        }
    }

    /** Draws every figure into {@code dir/figures}; returns the files' base names. */
    public static List<String> write(Path dir, List<String> keys, List<StudyPoint> points) throws IOException {
        return new StudyFigures(dir, keys, points).writeAll();
    }

    private List<String> writeAll() throws IOException {
        Path figures = dir.resolve("figures");
        Files.createDirectories(figures);
        List<String> names = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            String name = safe("final_eval_loss-vs-" + keys.get(k));
            FigureFiles.write(figures.resolve(name), finalLossFigure(k));
            names.add(name);
        }
        Map<String, List<List<StudyPoint>>> files = lossCurveFiles();
        for (Map.Entry<String, List<List<StudyPoint>>> e : files.entrySet()) {
            FigureFiles.write(figures.resolve(e.getKey()), lossCurves(e.getKey(), e.getValue()));
            names.add(e.getKey());
        }
        return names;
    }

    private BandFigure finalLossFigure(int k) {
        String key = keys.get(k);
        List<String> distinct = new ArrayList<>();
        points.forEach(p -> {
            if (!distinct.contains(p.values().get(k))) {
                distinct.add(p.values().get(k));
            }
        });
        boolean numeric = distinct.stream().allMatch(StudyFigures::isNumber);
        Map<String, Map<Double, List<StudyPoint>>> groups = new LinkedHashMap<>();
        for (StudyPoint p : points) {
            double x = numeric ? Double.parseDouble(p.values().get(k)) : distinct.indexOf(p.values().get(k));
            groups.computeIfAbsent(label(p, k), g -> new java.util.TreeMap<>())
                    .computeIfAbsent(x, v -> new ArrayList<>()).add(p);
        }
        List<BandFigure.Band> bands = new ArrayList<>();
        List<LineSeries> theory = new ArrayList<>();
        for (Map.Entry<String, Map<Double, List<StudyPoint>>> g : groups.entrySet()) {
            int n = g.getValue().size();
            double[] x = new double[n];
            double[] y = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            double[] th = new double[n];
            int i = 0;
            for (Map.Entry<Double, List<StudyPoint>> e : g.getValue().entrySet()) {
                double[] v = e.getValue().stream().map(p -> summaries.get(p.id()).finalEvalLoss())
                        .filter(d -> d != null).mapToDouble(Double::doubleValue).toArray();
                SeedInterval ci = SeedInterval.of(v);
                x[i] = e.getKey();
                y[i] = ci.mean();
                lo[i] = ci.lo();
                hi[i] = ci.hi();
                th[i++] = theory(e.getValue().get(0).spec());
            }
            bands.add(new BandFigure.Band(g.getKey(), x, y, lo, hi, true));
            if (java.util.Arrays.stream(th).anyMatch(Double::isFinite)) {
                String name = "theory: " + theoryName(g.getValue().values().iterator().next().get(0).spec())
                        + (groups.size() > 1 ? " (" + g.getKey() + ")" : "");
                if (theory.stream().noneMatch(t -> java.util.Arrays.equals(t.y(), th))) {
                    theory.add(new LineSeries(name, x, th, LineSeries.LineStyle.DASHED));
                }
            }
        }
        boolean logX = numeric && distinct.stream().mapToDouble(Double::parseDouble).min().orElse(0) > 0
                && distinct.stream().mapToDouble(Double::parseDouble).max().orElse(0)
                >= 10 * distinct.stream().mapToDouble(Double::parseDouble).min().orElse(1);
        String xLabel = numeric ? key : key + " (" + String.join(", ", distinct) + ")";
        return new BandFigure("final eval loss vs " + key + " (mean over seeds, 95% interval)", xLabel,
                "final eval loss", logX ? AxisScale.LOG : AxisScale.LINEAR, AxisScale.LOG, bands, theory);
    }

    /** Groups of seeds (runs equal but for their seed), split into files by the first key when there are many. */
    private Map<String, List<List<StudyPoint>>> lossCurveFiles() {
        Map<List<String>, List<StudyPoint>> groups = new LinkedHashMap<>();
        points.forEach(p -> groups.computeIfAbsent(p.values(), v -> new ArrayList<>()).add(p));
        Map<String, List<List<StudyPoint>>> files = new LinkedHashMap<>();
        boolean split = groups.size() > CURVES_PER_FIGURE && !keys.isEmpty();
        for (Map.Entry<List<String>, List<StudyPoint>> g : groups.entrySet()) {
            String file = split ? safe("loss-curves-" + keys.get(0) + "=" + g.getKey().get(0)) : "loss-curves";
            files.computeIfAbsent(file, f -> new ArrayList<>()).add(g.getValue());
        }
        return files;
    }

    private BandFigure lossCurves(String title, List<List<StudyPoint>> groups) throws IOException {
        List<BandFigure.Band> bands = new ArrayList<>();
        for (List<StudyPoint> g : groups) {
            List<List<LogRecord>> runs = new ArrayList<>();
            for (StudyPoint p : g) {
                runs.add(MetricsLog.read(new RunDirectory(StudyRunner.runRoot(dir, p)).metrics()));
            }
            int n = runs.stream().mapToInt(List::size).min().orElse(0);
            double[] x = new double[n];
            double[] y = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                double[] v = new double[runs.size()];
                for (int r = 0; r < v.length; r++) {
                    v[r] = runs.get(r).get(i).trainLoss();
                }
                SeedInterval ci = SeedInterval.of(v);
                x[i] = runs.get(0).get(i).step();
                y[i] = ci.mean();
                lo[i] = ci.lo();
                hi[i] = ci.hi();
            }
            bands.add(new BandFigure.Band(keys.isEmpty() ? "runs" : label(g.get(0), -1), x, y, lo, hi, false));
        }
        return new BandFigure(title + " (train loss, mean over seeds, 95% band)", "step", "train loss",
                AxisScale.LINEAR, AxisScale.LOG, bands, List.of());
    }

    /** {@code a=1, b=2} for the swept keys other than {@code skip}. */
    private String label(StudyPoint p, int skip) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            if (i != skip) {
                b.append(b.length() == 0 ? "" : ", ").append(keys.get(i)).append('=').append(p.values().get(i));
            }
        }
        return b.length() == 0 ? "final eval loss" : b.toString();
    }

    /** The closed-form final loss for {@code spec}, NaN when none covers it. */
    private double theory(ExperimentSpec spec) {
        String keyQuery = spec.model() instanceof org.icldynamics.model.OneLayerAttention.Spec a
                ? a.keyQuery().toString() : "";
        String cacheKey = spec.task() + "|" + spec.model().scores() + "|" + spec.model().architecture() + "|"
                + spec.model().loss() + "|" + keyQuery + "|" + spec.seed();
        return theoryCache.computeIfAbsent(cacheKey, c -> TheoryReferences.convergedLoss(spec));
    }

    private static String theoryName(ExperimentSpec spec) {
        return spec.model().scores() == org.icldynamics.model.OneLayerAttention.Scores.LINEAR
                ? "last plateau L(M_d)" : "optimal debiased GD";
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._=-]", "_");
    }
}
