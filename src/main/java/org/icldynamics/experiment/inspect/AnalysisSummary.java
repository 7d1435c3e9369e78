package org.icldynamics.experiment.inspect;

import java.util.Locale;
import org.icldynamics.analysis.AblationResult;
import org.icldynamics.analysis.AlignmentResult;
import org.icldynamics.analysis.AllocationResult;
import org.icldynamics.analysis.AnalysisResult;
import org.icldynamics.analysis.IdentificationResult;
import org.icldynamics.analysis.PatternResult;
import org.icldynamics.analysis.PlateauResult;

/** A short plain-text account of an {@link AnalysisResult} for the terminal (the numbers are in analysis.json). */
public final class AnalysisSummary {
    private AnalysisSummary() {
    }

    public static String render(AnalysisResult r) {
        StringBuilder b = new StringBuilder("analysis of " + r.run() + "\n");
        if (r.plateaus() != null) {
            PlateauResult p = r.plateaus();
            for (int k = 0; k < p.plateaus().size(); k++) {
                PlateauResult.Plateau q = p.plateaus().get(k);
                line(b, "plateau %d: steps %.0f-%.0f, level %.6g", k, q.start(), q.end(), q.level());
            }
            for (PlateauResult.Drop d : p.drops()) {
                line(b, "drop at step %.0f: %.6g -> %.6g", d.time(), d.from(), d.to());
            }
            for (PlateauResult.LevelMatch m : p.matches()) {
                line(b, "theory level %.6g: plateau %d at %.6g (relative error %.4g)", m.theory(), m.plateau(),
                        m.detected(), m.relativeError());
            }
        }
        if (r.timing() != null && r.timing().method().equals(StageTimePredictions.METHOD)) {
            for (org.icldynamics.analysis.DropTiming t : r.timing().drops()) {
                line(b, "%s (loss %.5f -> %.5f): measured %s, predicted %s (%s), ratio %s",
                        t.drop() == 1 ? "warm-up end" : "emergence end", t.levelBefore(), t.levelAfter(),
                        step(t.measured()), step(t.predicted()), StageTimePredictions.METHOD, ratio(t.ratio()));
            }
        } else if (r.timing() != null) {
            for (org.icldynamics.analysis.DropTiming t : r.timing().drops()) {
                line(b, "drop %d (%.5f -> %.5f): measured %s, predicted %s (population flow from step 0), "
                        + "ratio %s; escape formula %.0f", t.drop(), t.levelBefore(), t.levelAfter(),
                        step(t.measured()), step(t.predicted()), ratio(t.ratio()), t.formula());
            }
        }
        if (!r.patterns().isEmpty()) {
            PatternResult p = r.patterns().get(r.patterns().size() - 1);
            line(b, "pattern at step %d: %d active heads, diagonal ratio %.4g, homogeneity variance %.2e, "
                    + "OV last-entry ratio %.6g, zero-sum residual %.4g, eta = sum mu omega %.4g", p.step(),
                    p.activeHeads(), p.meanDiagRatio(), p.meanDiagVar(), p.meanOvRatio(), p.zeroSumResidual()[0],
                    p.eta()[0]);
        }
        if (!r.allocations().isEmpty()) {
            AllocationResult a = r.allocations().get(r.allocations().size() - 1);
            line(b, "allocation at step %d: %s", a.step(), a.mode());
            for (int n = 0; n < a.lambdaW().length; n++) {
                StringBuilder heads = new StringBuilder();
                for (AllocationResult.HeadRole role : a.roles()) {
                    if (role.tasks().contains(n)) {
                        heads.append(heads.isEmpty() ? "" : ", ").append(String.format(java.util.Locale.ROOT,
                                "head %d (%s, share %.2f)", role.head(), role.role().name().toLowerCase(
                                        java.util.Locale.ROOT), role.shares()[n]));
                    }
                }
                line(b, "  task %d: %s; eta = sum mu omega %.4f, zero-sum residual %.4f", n,
                        heads.isEmpty() ? "no head" : heads, a.taskEta()[n], a.taskZeroSum()[n]);
            }
        }
        for (AlignmentResult a : r.alignments()) {
            if (a == r.alignments().get(r.alignments().size() - 1)) {
                line(b, "aligned eigenvectors at step %d: %s", a.step(), a.alignedEigenvectors());
            }
        }
        for (AnalysisResult.HeadValueComparison v : r.valueComparisons()) {
            line(b, "head %d weight vs scalar ODE: rms %.4g, final relative error %.4g", v.head(),
                    v.comparison().rmsError(), v.comparison().finalRelativeError());
        }
        for (AnalysisResult.StepIdentification s : r.identifications()) {
            IdentificationResult.FamilyFit f = s.result().bestFit();
            String who = s.task() < 0 ? "" : " task " + s.task();
            if (s.result().fitsWithinThreshold()) {
                line(b, "step %d%s implements %s with parameter %.4g (relative error %.4g)", s.step(), who,
                        f.family(), f.parameter(), f.relativeError());
            } else {
                line(b, "step %d%s: no candidate fits (best %s %.4g, relative error %.4g > threshold %.2f)",
                        s.step(), who, f.family(), f.parameter(), f.relativeError(), s.result().threshold());
            }
        }
        for (AblationResult a : r.ablations()) {
            line(b, "ablation (baseline loss %.6g):", a.baselineLoss());
            for (AblationResult.Row row : a.rows()) {
                line(b, "  %s: loss %.6g", row.label(), row.loss());
            }
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    /** A step of a drop, or why there is none (NaN: the loss or the predicted flow never got there in the run). */
    private static String step(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "step %.0f", v) : "not within the run";
    }

    private static String ratio(double v) {
        return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, "%.3f", v) : "-";
    }
}
