package org.icldynamics.experiment.figure;

import org.icldynamics.theory.LinearAttentionTheory;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.report.AxisScale;
import org.icldynamics.report.Check;
import org.icldynamics.report.LineFigure;
import org.icldynamics.report.LineSeries;
import org.icldynamics.report.PanelGrid;
import org.icldynamics.report.ReferenceLine;

/**
 * Presets for Zhang, Singh, Latham, Saxe (2025), spec {@code linear-attention.md} A.5 and A.8. Expected values are
 * the spec's theory levels L(M_m) (A.4 item 8), L* (A.4 item 4) and its simulated drop times; the quick variants
 * keep D, N and the covariance (so the same theory levels hold) and shrink the training set and the step count.
 */
public enum LinearAttentionFigures implements FigurePreset {
    /** Fig. 1: ATTN_M and its cubic-feature twin drop once, together, to L*. */
    MERGED_VS_CUBIC("zhang25-fig1-merged-vs-cubic",
            "Loss of merged-KQ linear attention (H=8) and the equivalent cubic-feature network: one drop to L*", 0.2, 0.05) {
        @Override
        public List<RunRequest> runs(Variant v) {
            List<String> quick = v == Variant.QUICK ? List.of("train.batch=500", "train.steps=2000",
                    "eval.prompts=500", "train.snapshots=3") : List.of();
            return List.of(new RunRequest("zhang25-fig1-attn-m", FIG1, quick),
                    new RunRequest("zhang25-fig1-cubic", FIG1_CUBIC, cat(List.of("model.init=equivalent-to"), quick)));
        }

        @Override
        public FigureResult draw(FigureRuns runs, Variant v) {
            RunResult attn = runs.get("zhang25-fig1-attn-m");
            RunResult cubic = runs.get("zhang25-fig1-cubic");
            double l0a = attn.trainLoss()[0];
            double l0c = cubic.trainLoss()[0];
            double tA = LossCurveMeasures.halfWayCrossing(attn.steps(), attn.trainLoss(), l0a, L_STAR_D4);
            double tC = LossCurveMeasures.halfWayCrossing(cubic.steps(), cubic.trainLoss(), l0c, L_STAR_D4);
            // in-sample fit on P prompts sits below the population L* by about L* * (D^2 / P) (D^2 = 16 features)
            double tol = v == Variant.QUICK ? 0.01 : 0.005;
            List<Check> checks = new ArrayList<>();
            if (v == Variant.FULL) {
                checks.add(Check.within(id(), "ATTN_M converges to L* (eq. 19)", attn.finalTrainLoss(), L_STAR_D4,
                        tol, "theory L* = 0.1360 (A.4 item 4); in-sample loss on P prompts"));
                checks.add(Check.within(id(), "cubic-feature network converges to L*", cubic.finalTrainLoss(),
                        L_STAR_D4, tol, "same minimum: the two models are the same function class (A.2.4)"));
            } else {
                checks.add(Check.within(id(), "ATTN_M and the cubic network reach the same loss after the drop",
                        attn.finalTrainLoss() - cubic.finalTrainLoss(), 0, 1e-8,
                        "same function, same initial weights (model.init: equivalent-to), same gradient descent"));
            }
            double gap = 0;
            for (int i = 0; i < Math.min(attn.trainLoss().length, cubic.trainLoss().length); i++) {
                gap = Math.max(gap, Math.abs(attn.trainLoss()[i] - cubic.trainLoss()[i]));
            }
            checks.addAll(List.of(v == Variant.FULL
                            ? Check.within(id(), "ATTN_M half-way drop step", tA, 1070, 0.15 * 1070,
                                    "spec [sim] crossing 1072, escape formula 1040 (A.4 item 5); +-15% (A.9 item 7)")
                            : Check.within(id(), "ATTN_M half-way drop step", tA, 1070, 3 * QUICK_DROP_SD,
                                    "spec 1070 (A.4 item 5); P = 500 prompts: over 16 seeds the step has mean 1029 and"
                                            + " sd 122 (measured), so one seed's step is held within 3 sd; the spec's"
                                            + " +-15% is checked in the full variant (P = 5000)"),
                    Check.atMost(id(), "the two curves agree at every logged step (largest |difference|)", gap, 1e-8,
                            "model.init: equivalent-to starts the cubic network from the attention run's weights: "
                                    + "same function, same gradient descent (A.2.4, A.9 item 2)")));
            LineFigure fig = new LineFigure("ATTN_M vs cubic-feature MLP (D=4, N=31, H=8)", "step", "train loss",
                    AxisScale.LINEAR, AxisScale.LINEAR,
                    List.of(LineSeries.line("ATTN_M", attn.steps(), attn.trainLoss()),
                            new LineSeries("MLP(z), cubic features", cubic.steps(), cubic.trainLoss(),
                                    LineSeries.LineStyle.DASHED)),
                    List.of(new ReferenceLine("L*", L_STAR_D4)));
            return new FigureResult(fig, checks, List.of(new KeyNumber("attn-m drop step", tA),
                    new KeyNumber("cubic drop step", tC), new KeyNumber("largest curve difference", gap),
                    new KeyNumber("attn-m final train loss",
                            attn.finalTrainLoss()), new KeyNumber("attn-m final eval loss", attn.finalEvalLoss())));
        }
    },

    /** Fig. 3a: separate rank-one heads learn the principal components one at a time (6 seeds). */
    RANK_ONE_STAIRCASE("zhang25-fig3-staircase",
            "ATTN_S rank-one loss for several seeds: a staircase through the theory plateaus L(M_0..M_4)", 4.0, 0.05) {
        @Override
        public List<RunRequest> runs(Variant v) {
            List<RunRequest> r = new ArrayList<>();
            int seeds = v == Variant.QUICK ? 2 : 6;
            for (int s = 0; s < seeds; s++) {
                List<String> o = new ArrayList<>(List.of("seed=" + s));
                if (v == Variant.QUICK) {
                    o.addAll(List.of("train.batch=1000", "train.steps=1500", "eval.prompts=500", "model.initScale=0.05",
                            "train.snapshots=12"));
                }
                r.add(new RunRequest("zhang25-fig3-seed-" + s, FIG3, o));
            }
            return r;
        }

        @Override
        public FigureResult draw(FigureRuns runs, Variant v) {
            int seeds = runs(v).size();
            List<LineSeries> series = new ArrayList<>();
            List<Check> checks = new ArrayList<>();
            List<KeyNumber> keys = new ArrayList<>();
            for (int s = 0; s < seeds; s++) {
                RunResult r = runs.get("zhang25-fig3-seed-" + s);
                series.add(LineSeries.line("seed " + s, r.steps(), r.trainLoss()));
                keys.add(new KeyNumber("seed " + s + " final train loss", r.finalTrainLoss()));
                keys.add(new KeyNumber("seed " + s + " first drop step",
                        LossCurveMeasures.halfWayCrossing(r.steps(), r.trainLoss(), PLATEAUS_D4[0], PLATEAUS_D4[1])));
            }
            RunResult first = runs.get("zhang25-fig3-seed-0");
            if (v == Variant.QUICK) {
                checks.add(Check.atMost(id(), "seed 0 leaves L(M_0) with an abrupt first drop",
                        first.finalTrainLoss(), 0.8 * first.trainLoss()[0],
                        "quick variant: init 0.05 so the first escape happens within 1500 steps (A.4 item 9)"));
                // y = w^T x with w ~ N(0, I), x ~ N(0, Lambda): Var(y^2) = 2 (tr Lambda)^2 + 6 tr Lambda^2
                double var = 2 * 1.0 + 6 * (0.16 + 0.09 + 0.04 + 0.01);
                checks.add(Check.within(id(), "seed 0 starts at E[y_q^2] = L(M_0) (initial train loss)",
                        first.trainLoss()[0], PLATEAUS_D4[0], 4 * Math.sqrt(var / first.spec().train().batch()),
                        "Lambda = diag(0.4, 0.3, 0.2, 0.1); mean over P prompts, 4 standard errors (small init)"));
            }
            int m = v == Variant.QUICK ? 1 : 4;
            for (int k = 1; k < m; k++) {
                double h = LossCurveMeasures.plateauNear(first.trainLoss(), PLATEAUS_D4[k], 10, 0.01);
                checks.add(Check.within(id(), "seed 0 rests on plateau L(M_" + k + ")", h, PLATEAUS_D4[k],
                        0.02 * PLATEAUS_D4[k], "theory A.4 item 8; +-2% (A.9 item 4)"));
            }
            if (v == Variant.FULL) {
                checks.add(Check.atMost(id(), "seed 0 ends at or below L(M_3)", first.finalTrainLoss(),
                        PLATEAUS_D4[3] * 1.02, "three drops within 10000 steps (A.5: the 4th may come later)"));
            }
            List<ReferenceLine> refs = new ArrayList<>();
            for (int k = 0; k < PLATEAUS_D4.length; k++) {
                refs.add(new ReferenceLine("L(M_" + k + ")", PLATEAUS_D4[k]));
            }
            LineFigure fig = new LineFigure("ATTN_S rank 1, H=5, D=4: loss staircase", "step", "train loss",
                    AxisScale.LINEAR, AxisScale.LINEAR, series, refs);
            return new FigureResult(fig, checks, keys);
        }
    },

    /** Fig. 5 (number unverified): softmax ATTN_M drops once, softmax ATTN_S in several steps. */
    SOFTMAX_VARIANTS("zhang25-fig5-softmax-variants",
            "Softmax ATTN_M (one abrupt drop) vs softmax ATTN_S rank 1 (several drops), D=4", 1.4, 0.1) {
        @Override
        public List<RunRequest> runs(Variant v) {
            // the paper gives no config (A.2.3, A.5 row 5): softmax with rho = 1 as in the code, learning rates
            // chosen so both drop within the budget (ours, documented)
            List<String> m = new ArrayList<>(List.of("model.scores=softmax", "model.temperature=1", "train.lr=0.1",
                    "model.initScale=0.0001"));
            List<String> s = new ArrayList<>(List.of("model.scores=softmax", "model.temperature=1", "train.lr=0.5"));
            if (v == Variant.QUICK) {
                List<String> q = List.of("train.batch=1000", "eval.prompts=500", "train.snapshots=3");
                m.addAll(q);
                s.addAll(q);
                m.add("train.steps=1500");
                // seeds 0-7 of this config reach the last plateau (loss under QUICK_LAST_PLATEAU) at steps 1090-2400
                // (median 1265; seed 0, the one drawn, is the slowest): at 1500 steps 5 of the 8 are there, at 2500
                // all 8 (measured with the ziggurat sampler, session 9); with data stream version 3 (session 14) 7 of
                // the 8 are there at 2500 (seed 0 from step ~1475; seed 5, mid-drop at step 2500, at 0.187)
                s.add("train.steps=" + QUICK_S_STEPS);
            } else {
                // ATTN_M logs every 5 steps: its initial plateau lasts about 100 steps whatever the init scale (1e-4,
                // 1e-5, 1e-6 measured: the same loss to step 200), and the drop counter's flatness window of +-3
                // logged points must fit inside it. Logged every 10, seeds 2 and 10 (data stream 3) showed no flat
                // start (0.57% over 60 steps at seed 10) and counted 0 drops; every 5, seeds 0, 2, 4, 10 count 1.
                m.addAll(List.of("train.steps=3000", "train.logEvery=5"));
                s.addAll(List.of("train.batch=5000", "train.steps=3000"));
            }
            return List.of(new RunRequest("zhang25-fig5-softmax-m", FIG1, m),
                    new RunRequest("zhang25-fig5-softmax-s", FIG3, s));
        }

        @Override
        public FigureResult draw(FigureRuns runs, Variant v) {
            RunResult m = runs.get("zhang25-fig5-softmax-m");
            RunResult s = runs.get("zhang25-fig5-softmax-s");
            // flat = under 0.5% change over +-3 logged points (30 steps); plateaus 5% apart are distinct
            int dropsM = LossCurveMeasures.plateauCount(m.trainLoss(), 3, 0.005, 0.05) - 1;
            int dropsS = LossCurveMeasures.plateauCount(s.trainLoss(), 3, 0.005, 0.05) - 1;
            String note = "qualitative claim of the paper (A.2.3); drops = distinct plateaus - 1; config unverified, ours documented in the preset";
            List<Check> checks = new ArrayList<>();
            if (v == Variant.FULL) {
                checks.add(Check.within(id(), "softmax ATTN_M shows one abrupt drop (drops detected)", dropsM, 1, 0,
                        note));
                checks.add(Check.atLeast(id(), "softmax ATTN_S shows several drops (drops detected)", dropsS, 2,
                        note));
            } else {
                // the quick runs leave no flat stretch between the drops: ATTN_M's escape and ATTN_S's arrival on
                // its last plateau are checked here (stopped at 1200 steps, on the L(M_3) plateau at 0.217, the ATTN_S
                // run fails the second: QuickChecksCanFailTest)
                checks.add(Check.atMost(id(), "softmax ATTN_M leaves its initial plateau", m.finalTrainLoss(),
                        0.5 * m.trainLoss()[0], "quick variant"));
                checks.add(Check.atMost(id(), "softmax ATTN_S reaches its last plateau", s.finalTrainLoss(),
                        QUICK_LAST_PLATEAU, "quick variant: below the midpoint of L(M_3) and L(M_4); softmax ATTN_S"
                                + " rests near the linear theory's levels (full run: 0.39, 0.23, 0.145)"));
            }
            PanelGrid fig = new PanelGrid("Softmax variants (D=4, N=31)", 2, 560, 380, List.of(
                    new PanelGrid.Titled("(a) softmax ATTN_M, H=8", new LineFigure("merged key-query", "step",
                            "train loss", AxisScale.LINEAR, AxisScale.LINEAR,
                            List.of(LineSeries.line("ATTN_M softmax", m.steps(), m.trainLoss())), List.of())),
                    new PanelGrid.Titled("(b) softmax ATTN_S, H=5, R=1", new LineFigure("separate rank-one",
                            "step", "train loss", AxisScale.LINEAR, AxisScale.LINEAR,
                            List.of(LineSeries.line("ATTN_S softmax", s.steps(), s.trainLoss())), List.of()))));
            return new FigureResult(fig, checks, List.of(new KeyNumber("ATTN_M drops", dropsM),
                    new KeyNumber("ATTN_S drops", dropsS), new KeyNumber("ATTN_M final loss", m.finalTrainLoss()),
                    new KeyNumber("ATTN_S final loss", s.finalTrainLoss())));
        }
    },

    /** Fig. 4: ranks R = 1, 2, 4, 8 on D = 8; conspicuous plateaus only at multiples of R. */
    RANK_SWEEP("zhang25-fig4-rank-sweep",
            "ATTN_S loss for ranks R = 1, 2, 4, 8 (D=8, H=9, P=20000): conspicuous plateaus at multiples of R", 3.2, 0.2) {
        @Override
        public List<RunRequest> runs(Variant v) {
            // the ranks and the full runs' P = 20000 are experiments/studies/zhang25-fig4-rank-sweep.yaml
            return PresetStudy.requests(RANK_STUDY, "zhang25-fig4-rank-", v == Variant.FULL ? List.of()
                    : List.of("train.batch=1000", "train.steps=1000", "eval.prompts=500", "train.snapshots=3",
                            "model.initScale=0.05"));
        }

        @Override
        public FigureResult draw(FigureRuns runs, Variant v) {
            List<PanelGrid.Titled> panels = new ArrayList<>();
            List<Check> checks = new ArrayList<>();
            List<KeyNumber> keys = new ArrayList<>();
            List<ReferenceLine> refs = new ArrayList<>();
            for (int k = 0; k < PLATEAUS_D8.length; k++) {
                refs.add(new ReferenceLine("L(M_" + k + ")", PLATEAUS_D8[k]));
            }
            char tag = 'a';
            for (int rank : ranks()) {
                RunResult r = runs.get("zhang25-fig4-rank-" + rank);
                panels.add(new PanelGrid.Titled("(" + tag++ + ") R = " + rank, new LineFigure("R = " + rank, "step",
                        "train loss", AxisScale.LINEAR, AxisScale.LINEAR,
                        List.of(LineSeries.line("R=" + rank, r.steps(), r.trainLoss())), refs)));
                keys.add(new KeyNumber("rank " + rank + " final train loss", r.finalTrainLoss()));
            }
            if (v == Variant.FULL) {
                double h4 = LossCurveMeasures.plateauNear(runs.get("zhang25-fig4-rank-4").trainLoss(), PLATEAUS_D8[4], 20, 0.01);
                checks.add(Check.within(id(), "R=4 rests on L(M_4) after one abrupt drop", h4, PLATEAUS_D8[4],
                        0.02 * PLATEAUS_D8[4], "spec A.8 [sim]: 0.4028 vs theory 0.4032"));
                checks.addAll(rankTwoPlateaus(runs.get("zhang25-fig4-rank-2").trainLoss()));
                RunResult r8 = runs.get("zhang25-fig4-rank-8");
                double p = r8.spec().train().batch();
                double tol8 = PLATEAUS_D8[8] * (CUBIC_FEATURES_D8 / p + 4 * Math.sqrt(2 / p));
                checks.add(Check.within(id(), "R=8 converges to L(M_8)", r8.finalTrainLoss(), PLATEAUS_D8[8], tol8,
                        "spec A.8 [sim] 0.2135 vs theory 0.2133; the in-sample loss on P prompts sits below it by"
                                + " about L p / P (p = 360 cubic features) and spreads by L sqrt(2 / P): tolerance"
                                + " L (p / P + 4 sqrt(2 / P)) (data stream 3's run: 0.2085, 2.3% low)"));
            }
            RunResult r1 = runs.get("zhang25-fig4-rank-1");
            double first = r1.trainLoss()[0];
            // y_q is Gaussian, so the mean of y_q^2 over P prompts has standard error sqrt(2/P) E[y_q^2]
            double se = Math.sqrt(2.0 / r1.spec().train().batch());
            checks.add(Check.within(id(), "initial loss is E[y_q^2] = L(M_0)", first, PLATEAUS_D8[0], 4 * se,
                    "tr Lambda = 1; sample mean over P prompts, 4 standard errors"));
            return new FigureResult(new PanelGrid("ATTN_S rank sweep, D=8, H=9", 2, 560, 360, panels), checks,
                    keys);
        }
    };

    /** Cubic features {@code S (x) x_q} of the D = 8 model, S symmetric on 9-wide tokens: 45 * 8. */
    static final int CUBIC_FEATURES_D8 = 360;

    /**
     * R = 2's conspicuous plateaus only at even m (spec item 11, A.8): every plateau of the curve lies nearest an
     * even-m level, and at least one beyond m = 0. How long the M_2 plateau lasts depends on the draw (data stream 3's
     * run passes through it in about 500 steps and rests at m = 0, 4, 6), so no single plateau is asked for.
     * Plateaus: flat under 1% over +-20 logged points, 5% apart.
     */
    static List<Check> rankTwoPlateaus(double[] loss) {
        int odd = 0;
        int evenBeyondZero = 0;
        for (double level : LossCurveMeasures.plateauLevels(loss, 20, 0.01, 0.05)) {
            int m = nearestPlateau(level);
            odd += m % 2;
            evenBeyondZero += m > 0 && m % 2 == 0 ? 1 : 0;
        }
        String note = "conspicuous plateaus only at m a multiple of R (spec item 11, A.8)";
        return List.of(
                Check.within(RANK_SWEEP.id(), "R=2 rests on no plateau at an odd m (plateaus nearest an "
                        + "odd-m level)", odd, 0, 0, note),
                Check.atLeast(RANK_SWEEP.id(), "R=2 rests on plateaus at even m > 0 (plateaus)",
                        evenBeyondZero, 1, note));
    }

    /** The m whose theory level L(M_m) (D = 8) is nearest {@code level}. */
    static int nearestPlateau(double level) {
        int best = 0;
        for (int m = 1; m < PLATEAUS_D8.length; m++) {
            if (Math.abs(PLATEAUS_D8[m] - level) < Math.abs(PLATEAUS_D8[best] - level)) {
                best = m;
            }
        }
        return best;
    }

    static final String FIG1 = "zhang25-fig1-attnM.yaml";
    static final String FIG1_CUBIC = "zhang25-fig1-cubic.yaml";
    static final String FIG3 = "zhang25-fig3-attnS.yaml";
    static final String FIG4 = "zhang25-fig4-rank.yaml";
    /** The rank grid of zhang25-fig4-rank-sweep, under experiments/studies/. */
    static final String RANK_STUDY = "zhang25-fig4-rank-sweep.yaml";
    /** The ranks of {@link #RANK_STUDY}'s grid. */
    static int[] ranks() {
        return PresetStudy.values(RANK_STUDY).stream().mapToInt(Integer::parseInt).toArray();
    }

    /** L* for D=4, N=31, eigenvalues (0.4, 0.3, 0.2, 0.1) (spec A.4 item 4). */
    static final double L_STAR_D4 = 0.1360;
    /** Quick fig5 ATTN_S steps: the shortest multiple of 500 by which seeds 0-7 all reach the last plateau. */
    private static final int QUICK_S_STEPS = 2500;
    /**
     * Seed-to-seed sd of the quick fig1 run's half-way drop step (P = 500; 16 seeds, measured). Data stream version 3
     * (session 14), seeds 0-15: mean 1016, sd 118, range 827-1286.
     */
    private static final double QUICK_DROP_SD = 122;
    /** L(M_0..M_4), D=4, N=31 (spec A.4 item 8). */
    static final double[] PLATEAUS_D4 = LinearAttentionTheory.plateauLosses(new double[] {0.4, 0.3, 0.2, 0.1}, 31);
    /** Below this the quick fig5 ATTN_S run is on its last plateau: the midpoint of L(M_3) and L(M_4) (0.173). */
    static final double QUICK_LAST_PLATEAU = (PLATEAUS_D4[3] + PLATEAUS_D4[4]) / 2;
    /** L(M_0..M_8), D=8, N=31, eigenvalues d/36 (spec A.4 item 8). */
    static final double[] PLATEAUS_D8 = LinearAttentionTheory.plateauLosses(
            new double[] {8 / 36.0, 7 / 36.0, 6 / 36.0, 5 / 36.0, 4 / 36.0, 3 / 36.0, 2 / 36.0, 1 / 36.0}, 31);

    private final PresetInfo info;

    LinearAttentionFigures(String id, String shows, double fullMinutes, double quickMinutes) {
        this.info = new PresetInfo(id, Paper.LINEAR_ATTENTION, shows, fullMinutes, quickMinutes);
    }

    @Override
    public PresetInfo info() {
        return info;
    }

    static List<String> cat(List<String> a, List<String> b) {
        List<String> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }
}
