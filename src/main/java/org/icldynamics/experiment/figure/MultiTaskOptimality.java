package org.icldynamics.experiment.figure;

import java.util.List;
import java.util.Locale;
import org.icldynamics.analysis.TaskCoordinates;
import org.icldynamics.report.Check;
import org.icldynamics.theory.MultiTaskLimits;

/**
 * Chen et al.'s "optimal up to a constant factor" claim against multitask-dynamics B.4 items 3-5 (full variant of
 * {@code chen24-phases-allocation}): the trained multi-head model's per-task loss against a dedicated head (item 3)
 * and the best debiased multi-head level (item 5), a single-head model of the same task against item 4, and the
 * strict separation of the two. Losses are Monte Carlo over {@link #PROMPTS} fresh prompts; every bound is widened
 * by {@link #Z} standard errors of that estimate.
 */
final class MultiTaskOptimality {
    /** Eval prompts of the per-task losses. */
    static final int PROMPTS = 10_000;
    /** Width of a Monte Carlo tolerance in standard errors, set before any run. */
    static final double Z = 3;
    static final long MC_SEED = 20_241_105L;

    private MultiTaskOptimality() {
    }

    /** The per-task limits of B.4 items 3, 4, 5 at the run's sizes, each a mean over the tasks' blocks. */
    record Limits(double allocated, double single, double debiased) {
        static Limits of(int d, int l, int tasks) {
            TaskCoordinates blocks = TaskCoordinates.contiguous(d, tasks);
            double a = 0;
            double s = 0;
            double b = 0;
            for (int n = 0; n < tasks; n++) { // mean over tasks, as the model's MSE averages its outputs
                double size = blocks.block(n).length;
                a += MultiTaskLimits.allocatedHead(size, l) / tasks;
                s += MultiTaskLimits.singleHead(size, d, l) / tasks;
                b += MultiTaskLimits.debiasedMultiHead(size, l) / tasks;
            }
            return new Limits(a, s, b);
        }
    }

    /** Adds the checks and key numbers of the multi-head run {@code multi} and the single-head run {@code single}. */
    static void addTo(String figure, RunResult multi, RunResult single, List<Check> checks, List<KeyNumber> keys)
            throws java.io.IOException {
        Limits lim = Limits.of(multi.spec().task().d(), multi.spec().task().n(), multi.spec().task().tasks());
        PerTaskLoss m = PerTaskLoss.measure(multi, multi.lastSnapshot(), PROMPTS, MC_SEED, "chen24-optimality");
        PerTaskLoss s = PerTaskLoss.measure(single, single.lastSnapshot(), PROMPTS, MC_SEED, "chen24-optimality");
        String mc = String.format(Locale.ROOT, "; +-%.0f SE of %d prompts (multi-head SE %.3g, single-head SE %.3g)",
                Z, PROMPTS, m.meanSe(), s.meanSe());
        checks.add(Check.atMost(figure, "multi-head per-task loss at or below the dedicated-head limit (B.4 item 3)",
                m.mean(), lim.allocated() + Z * m.meanSe(), "mean_n |S_n| (1 - 1/(1 + e |S_n|/L)) = "
                        + fmt(lim.allocated()) + "; heads that superpose may go below it (B.4 item 6)" + mc));
        checks.add(Check.atMost(figure, "multi-head per-task loss within a factor e of the best debiased level "
                        + "(B.4 item 5; optimal up to a constant factor)", m.mean(),
                MultiTaskLimits.OPTIMALITY_FACTOR * lim.debiased() + Z * m.meanSe(), "e * mean_n |S_n| (1 - (L-1)/"
                        + "(L + |S_n|)) = e * " + fmt(lim.debiased()) + "; e = the ratio of items 3 and 5 for "
                        + "|S_n| << L" + mc));
        checks.add(Check.atMost(figure, "single-head per-task loss at or below the single-head limit (B.4 item 4)",
                s.mean(), lim.single() + Z * s.meanSe(), "mean_n |S_n| (1 - 1/(1 + e dx/L)) = " + fmt(lim.single())
                        + " (H = 1, same task, init, optimiser and steps)" + mc));
        double gapSe = Math.hypot(m.meanSe(), s.meanSe());
        checks.add(Check.atLeast(figure, "strict separation: single-head minus multi-head per-task loss", s.mean()
                - m.mean(), Z * gapSe, "B.4 item 4 vs 3: a single head must cover all dx coordinates; > " + fmt(Z)
                + " SE of the difference (independent SEs added in quadrature)"));
        keys.add(new KeyNumber("multi-head per-task loss (" + PROMPTS + " prompts)", m.mean()));
        keys.add(new KeyNumber("multi-head per-task loss SE", m.meanSe()));
        keys.add(new KeyNumber("single-head per-task loss (" + PROMPTS + " prompts)", s.mean()));
        keys.add(new KeyNumber("single-head per-task loss SE", s.meanSe()));
        for (int n = 0; n < m.mse().length; n++) {
            keys.add(new KeyNumber("multi-head task " + (n + 1) + " MSE", m.mse()[n]));
            keys.add(new KeyNumber("single-head task " + (n + 1) + " MSE", s.mse()[n]));
        }
        keys.add(new KeyNumber("multi-head loss / best debiased level", m.mean() / lim.debiased()));
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.3g", x);
    }
}
