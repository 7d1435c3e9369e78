package org.icldynamics.experiment.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.analysis.AlignmentResult;
import org.icldynamics.analysis.AllocationResult;
import org.icldynamics.analysis.AnalysisResult;
import org.icldynamics.analysis.DropTiming;
import org.icldynamics.analysis.PatternResult;
import org.icldynamics.analysis.PlateauResult;
import org.icldynamics.analysis.TimingResult;
import org.icldynamics.model.HeadCircuit;
import org.icldynamics.report.AxisScale;
import org.icldynamics.report.FigureFiles;
import org.icldynamics.report.HeatmapStrip;
import org.icldynamics.report.LineFigure;
import org.icldynamics.report.LineSeries;
import org.icldynamics.report.PanelGrid;
import org.icldynamics.report.ReferenceLine;
import org.icldynamics.theory.ReferenceLines;
import org.icldynamics.train.LogRecord;
import org.icldynamics.experiment.TheoryReferences;
import org.icldynamics.experiment.run.RunDirectory;
import org.icldynamics.experiment.run.RunReader;

/**
 * Writes an analysis: {@code analysis.json} (the run, its final step, the theory lines that apply and the
 * {@link AnalysisResult}) and the figures, all under one directory:
 * <pre>
 * analysis.json
 * figures/circuits-kq.png, .svg    per-head KQ at up to 6 snapshot steps (x-block / label-slot separators)
 * figures/circuits-ov.png, .svg    per-head OV at the same steps
 * figures/analysis-loss.png, .svg  train and eval loss with the detected plateau levels and the theory lines; for
 *                                  linear attention the population flow from step 0 and measured/predicted drops
 * figures/patterns.png, .svg       softmax runs: pattern metrics over training
 * figures/alignment.png, .svg      separate-key-query linear runs: each head's weight over training
 * figures/allocation.png, .svg     multi-task runs: lambda_W and lambda_U (tasks x heads) at the circuit steps
 * </pre>
 */
public final class AnalysisFiles {
    /** Most snapshot steps drawn in the circuit figures. */
    static final int CIRCUIT_STEPS = 6;

    private AnalysisFiles() {
    }

    /**
     * What {@code analysis.json} holds.
     *
     * @param finalStep step of the final weights
     * @param theory theory values that apply to the config (in the run's loss units)
     */
    public record AnalysisFile(String run, long finalStep, List<ReferenceLines.Line> theory, AnalysisResult analysis) {
    }

    /** Writes {@code out/analysis.json} and {@code out/figures/*}; returns the json file. */
    public static Path write(RunReader run, AnalysisResult result, Path out) throws IOException {
        Files.createDirectories(out.resolve("figures"));
        List<ReferenceLines.Line> theory = TheoryReferences.of(run.spec());
        Path json = out.resolve("analysis.json");
        RunDirectory files = new RunDirectory(out);
        files.writeJson(json, new AnalysisFile(run.name(), run.finalStep(), theory, result));
        Path fig = out.resolve("figures");
        long[] steps = run.snapshotSteps();
        if (steps.length > 0) {
            long[] shown = spread(steps, CIRCUIT_STEPS);
            FigureFiles.write(fig.resolve("circuits-kq"), circuits(run, shown, true));
            FigureFiles.write(fig.resolve("circuits-ov"), circuits(run, shown, false));
        }
        FigureFiles.write(fig.resolve("analysis-loss"), loss(run, result.plateaus(), theory, result.timing()));
        if (!result.patterns().isEmpty()) {
            FigureFiles.write(fig.resolve("patterns"), patterns(run.name(), result.patterns()));
        }
        if (!result.alignments().isEmpty()) {
            FigureFiles.write(fig.resolve("alignment"), alignment(run.name(), result.alignments()));
        }
        if (!result.allocations().isEmpty()) {
            FigureFiles.write(fig.resolve("allocation"), allocation(run.name(), result.allocations()));
        }
        return json;
    }

    /** Up to {@code count} of {@code steps}, evenly spread over the indices, first and last included. */
    static long[] spread(long[] steps, int count) {
        if (steps.length <= count) {
            return steps.clone();
        }
        java.util.TreeSet<Long> s = new java.util.TreeSet<>();
        for (int i = 0; i < count; i++) {
            s.add(steps[(int) Math.round(i * (steps.length - 1.0) / (count - 1))]);
        }
        return s.stream().mapToLong(Long::longValue).toArray();
    }

    private static PanelGrid circuits(RunReader run, long[] steps, boolean kq) throws IOException {
        List<PanelGrid.Titled> rows = new ArrayList<>();
        int cols = 1;
        for (long s : steps) {
            List<HeadCircuit> cs = run.circuits(s);
            List<HeatmapStrip.Matrix> m = new ArrayList<>();
            int d = 0;
            for (HeadCircuit c : cs) {
                d = c.tokenWidth() - c.outputs();
                m.add(kq ? new HeatmapStrip.Matrix("KQ_" + (c.head() + 1), c.tokenWidth(), c.tokenWidth(), c.kq())
                        : new HeatmapStrip.Matrix("OV_" + (c.head() + 1), c.outputs(), c.tokenWidth(), c.ov()));
            }
            if (m.isEmpty()) {
                continue;
            }
            cols = Math.max(cols, m.size());
            String what = kq ? "KQ_h (rows key, columns query)" : "OV_h (rows output, columns token slot)";
            rows.add(new PanelGrid.Titled("step " + s,
                    new HeatmapStrip(what, m, 0, kq ? d : 0, d, "0.000")));
        }
        return new PanelGrid(run.name() + ": " + (kq ? "KQ" : "OV") + " circuits over training", 1,
                Math.min(1400, 180 * cols + 160), kq ? 240 : 150, rows);
    }

    private static LineFigure loss(RunReader run, PlateauResult plateaus, List<ReferenceLines.Line> theory,
                                   TimingResult timing) throws IOException {
        List<LogRecord> rows = run.metrics();
        double[] st = rows.stream().mapToDouble(LogRecord::step).toArray();
        double[] tr = rows.stream().mapToDouble(LogRecord::trainLoss).toArray();
        double[] ev = rows.stream().mapToDouble(LogRecord::evalLoss).toArray();
        List<ReferenceLine> refs = new ArrayList<>();
        for (ReferenceLines.Line l : theory) {
            refs.add(new ReferenceLine("theory: " + TheoryReferences.label(l), l.value()));
        }
        if (plateaus != null) {
            for (int k = 0; k < plateaus.plateaus().size(); k++) {
                PlateauResult.Plateau p = plateaus.plateaus().get(k);
                refs.add(new ReferenceLine("detected plateau " + k + " [" + (long) p.start() + ", " + (long) p.end()
                        + "]", p.level()));
            }
        }
        List<LineSeries> series = new ArrayList<>(List.of(LineSeries.line("train", st, tr), new LineSeries("eval", st,
                ev, LineSeries.LineStyle.SOLID_WITH_MARKERS)));
        if (timing != null) {
            series.add(new LineSeries(timing.method().equals(StageTimePredictions.METHOD)
                    ? "theory: factored approximate flow from step 0" : "theory: population flow from step 0",
                    timing.curveSteps(),
                    timing.curveLosses(), LineSeries.LineStyle.DASHED));
            addDrops(series, "measured half-way drops", timing, true);
            addDrops(series, "predicted half-way drops", timing, false);
        }
        return new LineFigure(run.name() + ": loss, detected plateaus and theory", "step", "loss",
                run.spec().report().xAxis(), run.spec().report().yAxis(), series, refs);
    }

    /** One marker per drop with a finite time, at its half-way level. */
    private static void addDrops(List<LineSeries> series, String label, TimingResult timing, boolean measured) {
        List<double[]> pts = new ArrayList<>();
        for (DropTiming d : timing.drops()) {
            double x = measured ? d.measured() : d.predicted();
            if (Double.isFinite(x)) {
                pts.add(new double[] {x, 0.5 * (d.levelBefore() + d.levelAfter())});
            }
        }
        if (!pts.isEmpty()) {
            series.add(new LineSeries(label, pts.stream().mapToDouble(p -> p[0]).toArray(),
                    pts.stream().mapToDouble(p -> p[1]).toArray(), LineSeries.LineStyle.MARKERS));
        }
    }

    private static LineFigure patterns(String name, List<PatternResult> ps) {
        double[] st = ps.stream().mapToDouble(PatternResult::step).toArray();
        double[] diag = ps.stream().mapToDouble(PatternResult::meanDiagRatio).toArray();
        double[] ov = ps.stream().mapToDouble(PatternResult::meanOvRatio).toArray();
        double[] zs = ps.stream().mapToDouble(p -> p.zeroSumResidual()[0]).toArray();
        double[] var = ps.stream().mapToDouble(PatternResult::meanDiagVar).toArray();
        return new LineFigure(name + ": softmax pattern metrics over training", "step", "metric", AxisScale.LINEAR,
                AxisScale.LINEAR, List.of(
                        new LineSeries("diagonal ratio (mean over active heads)", st, diag,
                                LineSeries.LineStyle.SOLID_WITH_MARKERS),
                        new LineSeries("OV last-entry ratio", st, ov, LineSeries.LineStyle.SOLID_WITH_MARKERS),
                        new LineSeries("zero-sum residual |sum mu| / sum |mu|", st, zs,
                                LineSeries.LineStyle.SOLID_WITH_MARKERS),
                        new LineSeries("homogeneity variance", st, var, LineSeries.LineStyle.DASHED)),
                List.of(new ReferenceLine("diagonal ratio target", 0.97)));
    }

    private static LineFigure alignment(String name, List<AlignmentResult> as) {
        double[] st = as.stream().mapToDouble(AlignmentResult::step).toArray();
        List<LineSeries> series = new ArrayList<>();
        AlignmentResult last = as.get(as.size() - 1);
        for (AlignmentResult.PairAlignment end : last.pairs()) {
            if (end.rank() != 0) {
                continue;
            }
            double[] u = new double[as.size()];
            for (int s = 0; s < as.size(); s++) {
                for (AlignmentResult.PairAlignment p : as.get(s).pairs()) {
                    if (p.head() == end.head() && p.rank() == 0) {
                        u[s] = Math.cbrt(Math.abs(p.value()) * p.keyNorm() * p.queryNorm());
                    }
                }
            }
            String label = "head " + end.head() + (end.aligned() ? " (ends on e_" + (end.eigenvector() + 1) + ")"
                    : " (not aligned)");
            series.add(new LineSeries(label, st, u, LineSeries.LineStyle.SOLID_WITH_MARKERS));
        }
        return new LineFigure(name + ": head weights (|v| ||k|| ||q||)^(1/3) over training", "step", "weight",
                AxisScale.LINEAR, AxisScale.LINEAR, series, List.of());
    }

    /** lambda_W and lambda_U at up to {@link #CIRCUIT_STEPS} snapshot steps, one row each. */
    private static PanelGrid allocation(String name, List<AllocationResult> all) {
        long[] steps = all.stream().mapToLong(AllocationResult::step).toArray();
        java.util.Set<Long> shown = new java.util.HashSet<>();
        for (long s : spread(steps, CIRCUIT_STEPS)) {
            shown.add(s);
        }
        List<PanelGrid.Titled> rows = new ArrayList<>();
        int heads = all.get(0).lambdaW()[0].length;
        for (AllocationResult a : all) {
            if (!shown.contains(a.step())) {
                continue;
            }
            int tasks = a.lambdaW().length;
            List<HeatmapStrip.Matrix> m = List.of(
                    new HeatmapStrip.Matrix("lambda_W (tasks x heads)", tasks, heads, flatten(a.lambdaW())),
                    new HeatmapStrip.Matrix("lambda_U (tasks x heads)", tasks, heads, flatten(a.lambdaU())));
            rows.add(new PanelGrid.Titled("step " + a.step() + ": " + a.mode(),
                    new HeatmapStrip("semi-singular values", m, 0, 0, 0, "0.00")));
        }
        return new PanelGrid(name + ": head-task allocation over training", 1, Math.min(1400, 120 * heads + 300),
                200, rows);
    }

    private static double[] flatten(double[][] a) {
        int c = a[0].length;
        double[] out = new double[a.length * c];
        for (int i = 0; i < a.length; i++) {
            System.arraycopy(a[i], 0, out, i * c, c);
        }
        return out;
    }
}
