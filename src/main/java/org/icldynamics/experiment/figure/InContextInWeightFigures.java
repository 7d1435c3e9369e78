package org.icldynamics.experiment.figure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.report.AxisScale;
import org.icldynamics.report.Check;
import org.icldynamics.report.LineFigure;
import org.icldynamics.report.LineSeries;
import org.icldynamics.report.PanelGrid;
import org.icldynamics.report.ReferenceLine;
import org.icldynamics.theory.InWeightTheory;

/**
 * The linear paper's in-context vs in-weight experiment (spec linear-attention.md A.1 "In-context vs in-weight
 * data", A.5 row "App. (ICL vs IWL)"): ATTN_M trained on mixtures where a fraction c of the prompts carry their own
 * task and the rest share one in-weight task w*, one panel per c. Expected values are the closed forms of
 * {@link InWeightTheory} for the white covariance {@code Lambda = I/4}, D = 4, N = 31, {@code |w*|^2 = D}.
 */
public enum InContextInWeightFigures implements FigurePreset {
    /** One panel per c in {0, 0.2, ..., 1}: train loss / its initial value, IW and IC test losses vs step. */
    ICL_IWL("zhang25-icl-iwl", "ATTN_M (H=8, D=4) on in-context/in-weight mixtures c = 0, 0.2, ..., 1: c = 1 learns "
            + "in context only, c = 0 memorises w* only, mixed c both at c-dependent times", 3.9, 0.3) {
        @Override
        public List<RunRequest> runs(Variant v) {
            List<RunRequest> r = new ArrayList<>();
            for (int k = 0; k < FRACTIONS.length; k++) {
                List<String> o = new ArrayList<>(List.of("task.inContextFraction=" + FRACTIONS[k]));
                if (v == Variant.QUICK) {
                    // a small set, a larger init and step size so both paths escape within 1200 steps (ours); P =
                    // QUICK_PROMPTS, measured over seeds 0-7 and the preset's seed 10 (data stream version 3)
                    o.addAll(List.of("train.batch=" + QUICK_PROMPTS, "eval.prompts=256", "train.steps=1200",
                            "train.lr=0.002", "model.initScale=0.001", "train.evalEvery=40", "train.snapshots=2",
                            "train.checkpointEvery=0"));
                }
                r.add(new RunRequest(runId(k), CONFIG, o));
            }
            return r;
        }

        @Override
        public FigureResult draw(FigureRuns runs, Variant v) throws IOException {
            List<PanelGrid.Titled> panels = new ArrayList<>();
            List<KeyNumber> keys = new ArrayList<>();
            Curves[] curves = new Curves[FRACTIONS.length];
            for (int k = 0; k < FRACTIONS.length; k++) {
                curves[k] = Curves.of(runs.get(runId(k)));
                Curves c = curves[k];
                String tag = "c=" + FRACTIONS[k];
                panels.add(new PanelGrid.Titled("(" + (char) ('a' + k) + ") " + tag, new LineFigure(tag, "step",
                        "loss", AxisScale.LINEAR, AxisScale.LINEAR, List.of(
                                LineSeries.line("train/initial", c.steps, c.trainRatio),
                                LineSeries.line("IW test", c.evalSteps, c.iw),
                                LineSeries.line("IC test", c.evalSteps, c.ic)),
                        List.of(new ReferenceLine("L*", IC_STAR), new ReferenceLine("IW label path", IW_LABEL_PATH)))));
                keys.add(new KeyNumber(tag + " final train / initial", c.trainRatio[c.trainRatio.length - 1]));
                keys.add(new KeyNumber(tag + " final IW test loss", c.last(c.iw)));
                keys.add(new KeyNumber(tag + " final IC test loss", c.last(c.ic)));
                keys.add(new KeyNumber(tag + " minimum IW test loss", c.iw[c.argMinIw()]));
                keys.add(new KeyNumber(tag + " step of the minimum IW test loss", c.evalSteps[c.argMinIw()]));
                keys.add(new KeyNumber(tag + " IW drop step", c.iwDropStep()));
                keys.add(new KeyNumber(tag + " IC drop step", c.icDropStep()));
            }
            List<Check> checks = new ArrayList<>(v == Variant.FULL ? endLevelChecks(runs, curves, keys)
                    : endRatioChecks(curves));
            checks.addAll(mixedChecks(curves, runs.get(runId(0)).spec().train().steps(),
                    v == Variant.QUICK ? QUICK_MEASURED : ""));
            return new FigureResult(new PanelGrid("In-context vs in-weight learning, ATTN_M, D=4, N=31, H=8", 2,
                    720, 340, panels), checks, keys);
        }
    };

    static final String ID = "zhang25-icl-iwl";
    static final String CONFIG = "zhang25-icl-iwl.yaml";
    /** The paper's fractions c. */
    static final double[] FRACTIONS = {0, 0.2, 0.4, 0.6, 0.8, 1};
    static final int D = 4;
    static final int N = 31;
    static final double LAMBDA = 0.25;
    /** |w*|^2 = D (A.1). */
    static final double W_STAR2 = D;
    static final double IC_STAR = InWeightTheory.inContextOptimumOnInContext(LAMBDA, D, N);
    static final double IW_OF_IC = InWeightTheory.inContextOptimumOnInWeight(LAMBDA, D, N, W_STAR2);
    static final double IW_LABEL_PATH = InWeightTheory.labelPathOnInWeight(LAMBDA, N, W_STAR2);
    static final double IC_OF_LABEL_PATH = InWeightTheory.memorisingOnInContext(InWeightTheory.labelPathWeight(N), 0,
            LAMBDA, D, N, W_STAR2);
    static final double IW_STAR = InWeightTheory.inWeightOptimumOnInWeight(LAMBDA, D, N, W_STAR2);
    /**
     * Training prompts of the quick runs. At P = 256 (data stream version 3) c = 0.8 memorised w* (minimum IW test
     * loss / initial at most 0.75) on 4 of seeds 0-7 and c = 0.2 learned in context within 1200 steps on 7 (the
     * preset's seed 10 failed both, and c = 0.6's memorisation); at P = 512, 6 of 8 memorised at c = 0.8; at P =
     * 1024 every quick check passes on all of seeds 0-7 and on seed 10 (over those nine, c = 0.8: minimum IW /
     * initial 0.60-0.70, IW drop steps 147-209 before IC drop steps 236-303; c = 0.2: IC drop steps 433-632).
     * Measured in session 14.
     */
    static final int QUICK_PROMPTS = 1024;
    /** Appended to the quick checks' notes: the seed measurement behind {@link #QUICK_PROMPTS}. */
    static final String QUICK_MEASURED = "; quick variant: passes on each of seeds 0-7 at P = " + QUICK_PROMPTS
            + " (measured, data stream version 3)";
    /** Cubic features {@code S (x) x_q} with S symmetric: 15 * 4; the excess test risk of a fit on P prompts. */
    static final int FEATURES = 60;

    private final PresetInfo info;

    InContextInWeightFigures(String id, String shows, double fullMinutes, double quickMinutes) {
        this.info = new PresetInfo(id, Paper.LINEAR_ATTENTION, shows, fullMinutes, quickMinutes);
    }

    @Override
    public PresetInfo info() {
        return info;
    }

    /** Run id of fraction k, e.g. {@code zhang25-icl-iwl-c40}. */
    static String runId(int k) {
        return "zhang25-icl-iwl-c" + Math.round(100 * FRACTIONS[k]);
    }

    /**
     * Full variant: the end levels of c = 1 and c = 0 against the closed-form predictors scored on the run's own test
     * prompts (so test-set sampling noise cancels). Tolerance: twice the excess test risk {@code L p / P} of a
     * least-squares fit of the p = 60 cubic features on the P training prompts.
     */
    static List<Check> endLevelChecks(FigureRuns runs, Curves[] curves, List<KeyNumber> keys) throws IOException {
        RunResult icRun = runs.get(runId(FRACTIONS.length - 1));
        RunResult iwRun = runs.get(runId(0));
        double[] icTheory = theoryOnOwnPrompts(icRun, InWeightPredictors.Kind.IN_CONTEXT_OPTIMUM);
        double[] iwTheory = theoryOnOwnPrompts(iwRun, InWeightPredictors.Kind.LABEL_PATH);
        keys.add(new KeyNumber("c=1 in-context optimum on its IW prompts", icTheory[0]));
        keys.add(new KeyNumber("c=1 in-context optimum on its IC prompts", icTheory[1]));
        keys.add(new KeyNumber("c=0 label-path memoriser on its IW prompts", iwTheory[0]));
        keys.add(new KeyNumber("c=0 label-path memoriser on its IC prompts", iwTheory[1]));
        double fit = 2.0 * FEATURES / icRun.spec().train().batch();
        Curves ic = curves[FRACTIONS.length - 1];
        Curves iw = curves[0];
        String same = " (closed-form predictor scored on the same test prompts; population value ";
        String tol = "); tolerance 2 L p / P, p = 60 cubic features, P training prompts";
        return List.of(
                Check.within(ID, "c=1: IC test loss falls to the in-context optimum L*", ic.last(ic.ic), icTheory[1],
                        fit * icTheory[1], "sigma b^T x_q, sigma = 1/(lambda (N + 1 + D)) (A.4 item 6)" + same
                                + num(IC_STAR) + tol),
                Check.within(ID, "c=1: IW test loss stays high, at the in-context optimum's level", ic.last(ic.iw),
                        icTheory[0], fit * icTheory[0], "noise context labels: lambda W + sigma^2 N D lambda^2" + same
                                + num(IW_OF_IC) + tol),
                Check.within(ID, "c=0: IW test loss falls to the label-path memoriser's level", iw.last(iw.iw),
                        iwTheory[0], fit * iwTheory[0], "a (S_yy / N) w*^T x_q, a = (N/2)/(1 + N/2), the u_h path "
                                + "(A.2.1); population lambda W / (1 + N/2)" + same + num(IW_LABEL_PATH) + tol
                                + "; the full in-weight optimum " + num(IW_STAR) + " also needs the slower "
                                + "v-vector path (S_xx features), not reached in the paper's 4001 steps nor in 16000 "
                                + "(measured: IW 0.0614 at step 16000, slowly rising as the fit to the P prompts "
                                + "tightens)"),
                Check.within(ID, "c=0: IC test loss stays high, at the label-path memoriser's level", iw.last(iw.ic),
                        iwTheory[1], fit * iwTheory[1], "the memoriser predicts w* for every prompt" + same
                                + num(IC_OF_LABEL_PATH) + tol));
    }

    /** Quick variant: the same four claims as ratios of final to initial test loss. */
    static List<Check> endRatioChecks(Curves[] curves) {
        Curves ic = curves[FRACTIONS.length - 1];
        Curves iw = curves[0];
        String note = "quick variant (P = " + QUICK_PROMPTS + ", 1200 steps): ratio of final to initial test loss"
                + QUICK_MEASURED;
        return List.of(
                Check.atMost(ID, "c=1: IC test loss falls (final / initial)", ic.last(ic.ic) / ic.ic[0], 0.5, note),
                Check.atLeast(ID, "c=1: IW test loss stays high (final / initial)", ic.last(ic.iw) / ic.iw[0], 0.9,
                        note),
                Check.atMost(ID, "c=0: IW test loss falls (final / initial)", iw.last(iw.iw) / iw.iw[0], 0.2, note),
                Check.atLeast(ID, "c=0: IC test loss stays high (final / initial)", iw.last(iw.ic) / iw.ic[0], 0.9,
                        note));
    }

    /**
     * Mixed c: both learned (the IW test loss dips by at least a quarter: a predictor that knows nothing of w* scores
     * at least the initial {@code lambda W} within 4 standard errors, 8% at 5000 test prompts; the IC test loss
     * crosses half-way to L* within the budget), memorisation first, and the timing depends on c: memorisation later
     * as c grows (out-of-order neighbours, expected 0) and the in-context drop step varying across c by more than the
     * +-10% that the random initial draw moves it (A.4 item 5). {@code suffix} ends every note (the quick variant's
     * seed measurement).
     */
    static List<Check> mixedChecks(Curves[] curves, double budget, String suffix) {
        List<Check> checks = new ArrayList<>();
        int iwInversions = 0;
        double icMin = Double.POSITIVE_INFINITY;
        double icMax = 0;
        for (int k = 1; k < FRACTIONS.length; k++) {
            Curves c = curves[k];
            String tag = "c=" + FRACTIONS[k];
            double icDrop = finite(c.icDropStep());
            icMin = Math.min(icMin, icDrop);
            icMax = Math.max(icMax, icDrop);
            if (k < FRACTIONS.length - 1) {
                checks.add(Check.atMost(ID, tag + ": memorises w* (minimum IW test loss / initial)",
                        c.iw[c.argMinIw()] / c.iw[0], 0.75, "mixed c learns both (A.5 row App. ICL vs IWL)"
                                + suffix));
                checks.add(Check.atMost(ID, tag + ": learns in context (IC drop step)", icDrop, budget,
                        "half-way from the initial IC test loss to L*; must happen within the training budget"
                                + suffix));
                checks.add(Check.atMost(ID, tag + ": memorises before learning in context (IW drop step <= IC drop "
                        + "step)", finite(c.iwDropStep()), icDrop, "IW drop step: half-way from the initial IW test "
                        + "loss to the run's minimum" + suffix));
                iwInversions += k > 1 && !(curves[k - 1].iwDropStep() <= c.iwDropStep()) ? 1 : 0;
            }
        }
        checks.add(Check.within(ID, "memorisation comes later as c grows (IW drop steps out of order, c = 0.2..0.8)",
                iwInversions, 0, 0, "fewer w* prompts, weaker in-weight signal; c = 0 is left out (noise contexts: "
                        + "a different training distribution)" + suffix));
        checks.add(Check.atLeast(ID, "the in-context drop step depends on c (largest / smallest, c = 0.2..1)",
                icMax / icMin, 1.2, "timing depends on c (A.5 row App. ICL vs IWL); beyond the +-10% spread of the "
                        + "random initial draw (A.4 item 5); measured: not monotone in c"
                        + suffix));
        return checks;
    }

    /** Final IW and IC test losses of the closed-form predictor {@code kind} on the run's own test prompts. */
    static double[] theoryOnOwnPrompts(RunResult r, InWeightPredictors.Kind kind) throws IOException {
        try (ExperimentParts parts = r.modelAt(r.lastSnapshot())) {
            PromptBatch iw = parts.extraEvals().get(0).prompts();
            PromptBatch ic = parts.extraEvals().get(1).prompts();
            double[] wStar = java.util.Arrays.copyOf(iw.w, iw.d); // every IW prompt carries w*
            return new double[] {InWeightPredictors.loss(kind, iw, wStar, LAMBDA),
                InWeightPredictors.loss(kind, ic, wStar, LAMBDA)};
        }
    }

    private static double finite(double step) {
        return Double.isNaN(step) ? Double.POSITIVE_INFINITY : step;
    }

    static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** One run's curves: train loss over its initial value per logged step, IW and IC test losses per evaluation. */
    record Curves(double[] steps, double[] trainRatio, double[] evalSteps, double[] iw, double[] ic) {
        static Curves of(RunResult r) throws IOException {
            double[] steps = r.steps();
            double[] train = r.trainLoss();
            double[] ratio = new double[train.length];
            for (int i = 0; i < train.length; i++) {
                ratio[i] = train[i] / train[0];
            }
            double[] iwAll = r.column("eval_iw");
            double[] icAll = r.column("eval_ic");
            int m = 0;
            for (double x : iwAll) {
                m += Double.isNaN(x) ? 0 : 1;
            }
            double[] es = new double[m];
            double[] iw = new double[m];
            double[] ic = new double[m];
            for (int i = 0, j = 0; i < iwAll.length; i++) {
                if (!Double.isNaN(iwAll[i])) {
                    es[j] = steps[i];
                    iw[j] = iwAll[i];
                    ic[j++] = icAll[i];
                }
            }
            return new Curves(steps, ratio, es, iw, ic);
        }

        double last(double[] y) {
            return y[y.length - 1];
        }

        int argMinIw() {
            int best = 0;
            for (int i = 1; i < iw.length; i++) {
                best = iw[i] < iw[best] ? i : best;
            }
            return best;
        }

        /** Half-way from the initial IW test loss to this run's minimum (NaN when it never falls). */
        double iwDropStep() {
            double min = iw[argMinIw()];
            return min < 0.9 * iw[0] ? LossCurveMeasures.halfWayCrossing(evalSteps, iw, iw[0], min) : Double.NaN;
        }

        /** Half-way from the initial IC test loss to L* (NaN when it never gets there). */
        double icDropStep() {
            return LossCurveMeasures.halfWayCrossing(evalSteps, ic, ic[0], IC_STAR);
        }
    }
}
