package org.icldynamics.experiment.figure;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.analysis.HeadPattern;
import org.icldynamics.analysis.LengthSweep;
import org.icldynamics.analysis.PatternMetrics;
import org.icldynamics.analysis.PatternResult;
import org.icldynamics.analysis.PatternSettings;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.report.AxisScale;
import org.icldynamics.report.BarFigure;
import org.icldynamics.report.Check;
import org.icldynamics.report.LineFigure;
import org.icldynamics.report.LineSeries;
import org.icldynamics.report.NpzReader;
import org.icldynamics.report.PanelGrid;
import org.icldynamics.report.ReferenceLine;
import org.icldynamics.theory.OneStepGdRisk;

/**
 * Presets for He, Pan, Chen, Yang (2025) read from the trained circuits of the {@code he25-heads-H} runs (shared
 * with {@link SoftmaxFigures}): pattern metrics against the number of heads (F-A2), length generalisation of the
 * trained models (F-A6, with the linear-attention predictions of A.4.8) and the per-head weight dynamics (F-A3).
 */
public enum SoftmaxPatternFigures implements FigurePreset {
    /** F-A2: KQ diagonal ratio, normalised diagonal variance and OV last-entry ratio for H = 1, 2, 4, 8. */
    PATTERN_METRICS("he25-pattern-metrics",
            "Pattern metrics of the trained circuits vs number of heads: diagonal, homogeneous KQ; last-entry OV (F-A2)",
            9.0, 0.1) {
        @Override
        public FigureResult draw(FigureRuns runs, Variant v) throws IOException {
            List<RunRequest> reqs = runs(v);
            List<String> cats = new ArrayList<>();
            double[][] vals = new double[3][reqs.size()];
            List<Check> checks = new ArrayList<>();
            List<KeyNumber> keys = new ArrayList<>();
            for (int i = 0; i < reqs.size(); i++) {
                RunResult r = runs.get(reqs.get(i).id());
                int h = r.spec().model().heads();
                PatternResult p = METRICS.measure(r.summary().steps(),
                        CircuitReadout.circuits(r.lastSnapshot(), h));
                cats.add("H=" + h);
                vals[0][i] = p.meanDiagRatio();
                vals[1][i] = p.meanDiagVar();
                vals[2][i] = p.meanOvRatio();
                keys.add(new KeyNumber("H=" + h + " diag ratio", p.meanDiagRatio()));
                keys.add(new KeyNumber("H=" + h + " diag variance", p.meanDiagVar()));
                keys.add(new KeyNumber("H=" + h + " ov ratio", p.meanOvRatio()));
                if (v == Variant.FULL && h >= 2) {
                    checks.add(Check.atLeast(id(), "H=" + h + " KQ x-block is diagonal (diag ratio)",
                            p.meanDiagRatio(), 0.97, "F-A2 acceptance > 0.97 (paper 0.978-0.999)"));
                    checks.add(Check.atMost(id(), "H=" + h + " KQ diagonal is homogeneous (normalised variance)",
                            p.meanDiagVar(), 2e-4, "F-A2 acceptance < 2e-4 (paper 3e-6 to 1.3e-4)")
                            .explainedIfFailing(SHORT_TRAINING, DocsTable.SOFTMAX_HEADS_500K.reference()));
                    checks.add(Check.atLeast(id(), "H=" + h + " OV reads only the label (last-entry ratio)",
                            p.meanOvRatio(), 0.999, "F-A2 acceptance > 0.999 (paper 0.9997-0.99997)")
                            .explainedIfFailing(SHORT_TRAINING, DocsTable.SOFTMAX_HEADS_500K.reference()));
                }
            }
            if (v == Variant.QUICK) {
                checks.add(Check.atLeast(id(), "H=2 KQ x-block is already mostly diagonal after the quick run",
                        vals[0][reqs.size() - 1], 0.5, "quick variant: the pattern forms early; 1 = exactly diagonal"));
            }
            List<PanelGrid.Titled> panels = List.of(
                    new PanelGrid.Titled("(a) KQ diagonal ratio", bars("diag ratio", cats, vals[0], AxisScale.LINEAR)),
                    new PanelGrid.Titled("(b) log10 of KQ diagonal variance / mean^2",
                            bars("log10 normalised variance", cats, log10(vals[1]), AxisScale.LINEAR)),
                    new PanelGrid.Titled("(c) OV last-entry ratio", bars("OV ratio", cats, vals[2], AxisScale.LINEAR)));
            return new FigureResult(new PanelGrid("Pattern metrics vs heads (d=5, L=40)", 3, 420, 320, panels),
                    checks, keys);
        }
    },

    /** F-A6 / F-A11: trained heads at other prompt lengths, against debiased GD and linear attention in theory. */
    LENGTH_GENERALISATION("he25-length-generalisation",
            "Trained softmax heads (trained at L=40) evaluated at L=10..100 vs debiased GD and linear attention (F-A6)",
            9.0, 0.1) {
        @Override
        public FigureResult draw(FigureRuns runs, Variant v) {
            int prompts = v == Variant.QUICK ? 2000 : 20_000;
            int[] lengths = {10, 20, 30, 40, 50, 60, 70, 80, 90, 100};
            double[] x = new double[lengths.length];
            for (int i = 0; i < lengths.length; i++) {
                x[i] = lengths[i];
            }
            List<LineSeries> series = new ArrayList<>();
            List<Check> checks = new ArrayList<>();
            List<KeyNumber> keys = new ArrayList<>();
            for (RunRequest req : runs(v)) {
                RunResult r = runs.get(req.id());
                int h = r.spec().model().heads();
                LengthSweep.Result res;
                try (ExperimentParts parts = r.modelAt(r.lastSnapshot());
                     BlockParallel parallel = new BlockParallel(2)) {
                    LengthSweep sweep = new LengthSweep(n -> new LinearRegressionTask(n,
                            Covariance.isotropic(5, 1), 0.2, 0.1, 0.1), new RandomStreams(1029), prompts, 0, 0.95);
                    res = sweep.run(List.of(parts.model()), lengths, parallel);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                double[] y = new double[lengths.length];
                for (int i = 0; i < lengths.length; i++) {
                    LengthSweep.Point pt = res.points().get(i);
                    y[i] = pt.mse();
                    keys.add(new KeyNumber("H=" + h + " MSE at L=" + lengths[i], pt.mse()));
                }
                series.add(new LineSeries("trained H=" + h, x, y, LineSeries.LineStyle.SOLID_WITH_MARKERS));
                if (v == Variant.FULL && h >= 2) {
                    for (int i : new int[] {0, 9}) {
                        double theory = OneStepGdRisk.debiased(SoftmaxFigures.ETA_STAR_40, 5, lengths[i], 0.1);
                        checks.add(Check.within(id(), "H=" + h + " at L=" + lengths[i]
                                + " generalises like debiased GD with eta*", y[i], theory, 0.03,
                                "R_DGD(0.879, L) of A.4.2; the paper's figure plots MSE + 0.1 (double-counted "
                                        + "noise, F-A6), we plot the MSE"));
                    }
                }
                checks.add(Check.atMost(id(), "H=" + h + " error falls with longer prompts (MSE(100) - MSE(40))",
                        y[9] - y[3], 0, "softmax normalises by the realised length (A.4.8)"));
            }
            double[] dgd = new double[lengths.length];
            double[] frozen = new double[lengths.length];
            double[] actual = new double[lengths.length];
            double eta = OneStepGdRisk.optimalGdStep(5, 40, 0.1);
            for (int i = 0; i < lengths.length; i++) {
                dgd[i] = OneStepGdRisk.debiased(SoftmaxFigures.ETA_STAR_40, 5, lengths[i], 0.1);
                frozen[i] = OneStepGdRisk.gd(eta * lengths[i] / 40.0, 5, lengths[i], 0.1);
                actual[i] = OneStepGdRisk.gd(eta, 5, lengths[i], 0.1);
            }
            checks.add(Check.within(id(), "linear attention with 1/L frozen at L_train: risk at L=100", frozen[9],
                    1.724, 0.001, "A.4.8 [DER] table; it fails beyond L_train"));
            checks.add(Check.within(id(), "linear attention normalised by the actual L: risk at L=100", actual[9],
                    0.168, 0.001, "A.4.8 [DER] table"));
            series.add(new LineSeries("debiased GD, eta* (theory)", x, dgd, LineSeries.LineStyle.DASHED));
            series.add(new LineSeries("linear attn, 1/L_train frozen (theory)", x, frozen, LineSeries.LineStyle.DASHED));
            series.add(new LineSeries("linear attn, 1/L (theory)", x, actual, LineSeries.LineStyle.DASHED));
            return new FigureResult(new LineFigure("Length generalisation (trained at L=40, d=5, sigma^2=0.1)",
                    "prompt length L", "MSE (incl. noise 0.1)", AxisScale.LINEAR, AxisScale.LOG, series,
                    List.of(new ReferenceLine("noise floor", 0.1))), checks, keys);
        }
    },

    /** F-A3: KQ-diagonal mean (omega) and OV label entry (mu) of every head across training. */
    WEIGHT_DYNAMICS("he25-weight-dynamics",
            "Per-head omega (KQ diagonal mean) and mu (OV label entry) across training for H = 2 and 4 (F-A3)",
            9.0, 0.1) {
        @Override
        public List<RunRequest> runs(Variant v) {
            return SoftmaxFigures.CIRCUITS.runs(v);
        }

        @Override
        public FigureResult draw(FigureRuns runs, Variant v) throws IOException {
            List<PanelGrid.Titled> panels = new ArrayList<>();
            List<Check> checks = new ArrayList<>();
            List<KeyNumber> keys = new ArrayList<>();
            for (RunRequest req : runs(v)) {
                RunResult r = runs.get(req.id());
                int h = r.spec().model().heads();
                List<Path> files = r.snapshotFiles();
                double[] steps = new double[files.size()];
                double[][] omega = new double[h][files.size()];
                double[][] mu = new double[h][files.size()];
                PatternResult last = null;
                for (int s = 0; s < files.size(); s++) {
                    steps[s] = RunResult.stepOf(files.get(s));
                    last = METRICS.measure((long) steps[s], CircuitReadout.circuits(NpzReader.read(files.get(s)), h));
                    for (HeadPattern hp : last.heads()) {
                        omega[hp.head()][s] = hp.omega();
                        mu[hp.head()][s] = hp.mu();
                    }
                }
                List<LineSeries> os = new ArrayList<>();
                List<LineSeries> ms = new ArrayList<>();
                for (int k = 0; k < h; k++) {
                    os.add(new LineSeries("head " + (k + 1), steps, omega[k], LineSeries.LineStyle.SOLID_WITH_MARKERS));
                    ms.add(new LineSeries("head " + (k + 1), steps, mu[k], LineSeries.LineStyle.SOLID_WITH_MARKERS));
                }
                panels.add(new PanelGrid.Titled("H = " + h + ": omega_h", new LineFigure("KQ diagonal mean", "step",
                        "omega", AxisScale.LINEAR, AxisScale.LINEAR, os,
                        List.of(new ReferenceLine("+0.13", 0.13), new ReferenceLine("-0.13", -0.13)))));
                panels.add(new PanelGrid.Titled("H = " + h + ": mu_h", new LineFigure("OV label entry", "step", "mu",
                        AxisScale.LINEAR, AxisScale.LINEAR, ms,
                        List.of(new ReferenceLine("+3.45", 3.45), new ReferenceLine("-3.45", -3.45)))));
                keys.add(new KeyNumber("H=" + h + " final eta", last.eta()[0]));
                keys.add(new KeyNumber("H=" + h + " final zero-sum residual", last.zeroSumResidual()[0]));
                if (v == Variant.FULL) {
                    checks.add(Check.within(id(), "H=" + h + " heads implement debiased GD with step eta*",
                            last.eta()[0], SoftmaxFigures.ETA_STAR_40, 0.03,
                            "eta = sum_h mu_h omega_h -> 0.879 (A.4.4); +-0.03 (part C)"));
                    checks.add(Check.atMost(id(), "H=" + h + " output weights sum to ~0 (zero-sum)",
                            last.zeroSumResidual()[0], 0.05, "|sum mu| / sum |mu| (A.4.1)"));
                    checks.add(Check.within(id(), "H=" + h + " positive group |omega|", last.positive().meanOmega(),
                            0.13, 0.02, "trained omega 0.123-0.130 after 500k steps (A.4.4); +-0.02 (part C)")
                            .explainedIfFailing("the paper's value is after 500k Adam steps, we train "
                                    + r.spec().train().steps() / 1000 + "k; in the "
                                    + "convergence stage omega still shrinks slowly while mu grows at fixed eta "
                                    + "(A.4.5: 0.206 at t=1e3, 0.139 at t=1e4), so a larger omega at the same eta "
                                    + "is expected; eta and zero-sum are checked above",
                                    DocsTable.SOFTMAX_HEADS_500K.reference()));
                } else {
                    checks.add(Check.atLeast(id(), "H=" + h + " eta grows from ~0 towards eta* in the quick run",
                            last.eta()[0], 0.2, "quick variant; eta* = 0.879 at convergence"));
                    checks.add(Check.within(id(), "H=" + h + " eta = sum_h mu_h omega_h reaches eta* in the quick run",
                            last.eta()[0], SoftmaxFigures.ETA_STAR_40, 0.03,
                            "eta* = L / (L + d (1 + sigma2)) = 0.879 (A.4.2, A.4.4); +-0.03 (part C)"));
                }
            }
            return new FigureResult(new PanelGrid("Weight dynamics of softmax heads", 2, 560, 340, panels), checks,
                    keys);
        }
    };

    static final PatternMetrics METRICS = new PatternMetrics(PatternSettings.defaults());
    /**
     * Why a pattern check may fail on our full runs: they train 200k of the paper's 500k Adam steps (a budget for
     * {@code icl reproduce --all} on 2 cores). At the spec's 500k steps the 2-head run passes (8.0e-5, the slow
     * {@code AcceptanceRunsTest}); the 4- and 8-head runs do not (6.0e-4, 1.97e-3), with or without a final low-lr
     * phase: the inhomogeneity sits in heads with small output weights (docs/acceptance.md), while their OV ratios
     * pass (0.99982, 0.99977).
     */
    static final String SHORT_TRAINING = "the paper measured after 500k Adam steps, we train "
            + SoftmaxFigures.FULL_STEPS / 1000 + "k; at the spec's 500k steps (docs/acceptance.md) 2 heads reach 8.0e-5 "
            + "but 4 and 8 heads stay at 6.0e-4 and 1.97e-3 (paper 3e-6 to 1.3e-4: not reproduced), carried by heads "
            + "with small output weights |mu| (0.3-1.0); a final 50k steps at lr 1e-4 leaves them at 6.5e-4 and 1.5e-3, "
            + "so it is not Adam's noise; the 8-head OV ratio reaches 0.99977";

    private final PresetInfo info;

    SoftmaxPatternFigures(String id, String shows, double fullMinutes, double quickMinutes) {
        this.info = new PresetInfo(id, Paper.SOFTMAX_MULTIHEAD, shows, fullMinutes, quickMinutes);
    }

    @Override
    public PresetInfo info() {
        return info;
    }

    /** The heads runs of {@link SoftmaxFigures#HEADS_LOSS} (shared, trained once). */
    @Override
    public List<RunRequest> runs(Variant v) {
        return SoftmaxFigures.HEADS_LOSS.runs(v);
    }

    static BarFigure bars(String name, List<String> cats, double[] values, AxisScale scale) {
        return new BarFigure(name, "heads", name, scale, cats, List.of(new BarFigure.Bars(name, values)));
    }

    /** log10 of each value (XChart bars cannot use a log axis); non-positive or NaN entries become -12. */
    static double[] log10(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = v[i] > 0 ? Math.log10(v[i]) : -12;
        }
        return r;
    }
}
