package org.icldynamics.experiment;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.theory.ReferenceLines;

/**
 * The theory values that apply to a config, in the run's own loss units ({@code model.loss}: a half-MSE run gets
 * halved values):
 * <ul>
 *   <li>linear attention on one noiseless task: the fixed-point losses {@code L(M_0..M_d)} for the run's Lambda and
 *       n (linear-attention A.4 item 8), scaled by {@code tau2} (the formulas are for white tasks,
 *       {@code w ~ N(0, I)});</li>
 *   <li>softmax attention on one isotropic task with {@code tau2 = 1/d} and equal context and query noise: the
 *       optimal debiased-GD and GD risks, the single-head optimum and the Bayes risk (softmax-multihead A.4.2-A.4.4;
 *       Bayes by Monte Carlo over {@link #BAYES_SAMPLES} designs from stream {@code "bayes-risk"} of seed 0).</li>
 * </ul>
 * Every other config gets no lines (the closed forms do not cover it).
 */
public final class TheoryReferences {
    /** Monte Carlo designs for the Bayes risk line (its standard error is about 1e-4 at d = 5, L = 40). */
    public static final int BAYES_SAMPLES = 20_000;

    /**
     * The softmax lines by {@code (d, n, sigma2)}: a pure function (the Bayes line's Monte Carlo has its own fixed
     * seed) costing seconds, which a study or figure with many runs of one task would otherwise pay per run.
     */
    private static final java.util.Map<List<Double>, List<ReferenceLines.Line>> SOFTMAX =
            new java.util.concurrent.ConcurrentHashMap<>();

    private TheoryReferences() {
    }

    /** The lines for {@code spec}; empty when no closed form covers it. */
    public static List<ReferenceLines.Line> of(ExperimentSpec spec) {
        TaskSection t = spec.task();
        if (t.tasks() != 1 || !(spec.model() instanceof OneLayerAttention.Spec)) {
            return List.of();
        }
        double factor = spec.model().loss().factor();
        List<ReferenceLines.Line> raw;
        double scale = factor;
        if (spec.model().scores() == OneLayerAttention.Scores.LINEAR) {
            if (t.noise() != 0 || t.queryNoise() != 0) {
                return List.of();
            }
            raw = ReferenceLines.linearAttention(eigenvalues(spec), t.n());
            scale *= t.tau2();
        } else {
            if (!t.isotropic() || Math.abs(t.tau2() * t.d() - 1) > 1e-12 || t.noise() != t.queryNoise()) {
                return List.of();
            }
            raw = SOFTMAX.computeIfAbsent(List.of((double) t.d(), (double) t.n(), t.noise()), k ->
                    ReferenceLines.softmaxRegression(t.d(), t.n(), t.noise(), BAYES_SAMPLES, new RandomStreams(0)));
        }
        List<ReferenceLines.Line> out = new ArrayList<>();
        for (ReferenceLines.Line l : raw) {
            out.add(new ReferenceLines.Line(l.name(), scale * l.value(), l.source()));
        }
        return List.copyOf(out);
    }

    /**
     * The legend text of a theory line: what it is and, for the softmax lines, whether a trained model can reach it
     * (zero-sum heads implement debiased GD; plain GD needs the label-mean term they cancel; softmax A.4.2, A.4.4).
     */
    public static String label(ReferenceLines.Line line) {
        return switch (line.name()) {
            case "dgd-optimum" -> "debiased-GD optimum (what heads reach)";
            case "gd-optimum" -> "plain-GD optimum (unreachable)";
            case "single-head-approx" -> "one head, large-L approximation";
            case "bayes" -> "Bayes risk";
            default -> line.name();
        };
    }

    /**
     * The closed-form loss a trained model of {@code spec} converges to, in its loss units, NaN when no closed form
     * covers it (the same conditions as {@link #of}): the optimal debiased-GD risk for softmax attention, the last
     * plateau {@code L(M_d)} for linear attention. Cheap (no Monte Carlo), for study figures drawn per point.
     */
    public static double convergedLoss(ExperimentSpec spec) {
        TaskSection t = spec.task();
        if (t.tasks() != 1 || !(spec.model() instanceof OneLayerAttention.Spec)) {
            return Double.NaN;
        }
        double factor = spec.model().loss().factor();
        if (spec.model().scores() == OneLayerAttention.Scores.LINEAR) {
            double[] levels = plateauLevels(spec);
            return levels.length == 0 ? Double.NaN : java.util.Arrays.stream(levels).min().orElse(Double.NaN);
        }
        if (!t.isotropic() || Math.abs(t.tau2() * t.d() - 1) > 1e-12 || t.noise() != t.queryNoise()) {
            return Double.NaN;
        }
        return factor * org.icldynamics.theory.OneStepGdRisk.optimalDebiasedRisk(t.d(), t.n(), t.noise());
    }

    /** The fixed-point losses {@code L(M_0..M_d)} of a linear-attention config in its loss units; empty otherwise. */
    public static double[] plateauLevels(ExperimentSpec spec) {
        return of(spec).stream().filter(l -> l.name().startsWith("plateau-")).mapToDouble(ReferenceLines.Line::value)
                .toArray();
    }

    /** The value of the line named {@code name}, NaN when it does not apply. */
    public static double value(List<ReferenceLines.Line> lines, String name) {
        return lines.stream().filter(l -> l.name().equals(name)).mapToDouble(ReferenceLines.Line::value).findFirst()
                .orElse(Double.NaN);
    }

    /** Eigenvalues of the run's Lambda (after trace normalisation), largest first. */
    static double[] eigenvalues(ExperimentSpec spec) {
        Task task = ExperimentFactory.taskSpec(spec.task()).build(new RandomStreams(spec.seed()));
        return ((LinearRegressionTask) task).covariance().eigenvalues();
    }
}
