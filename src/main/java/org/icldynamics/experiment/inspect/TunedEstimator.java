package org.icldynamics.experiment.inspect;

import java.util.List;
import java.util.function.DoubleFunction;
import org.icldynamics.data.Covariance;
import org.icldynamics.experiment.TaskSection;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.estimator.Tuning;

/**
 * {@code KIND:tuned} estimators of {@code icl eval}: each tunable kind's search interval for its first parameter
 * (log scale; Brent's search on the held-out MSE of the tuning prompts), and the kinds that are undefined for a task.
 * Step sizes of multi-step descents are capped at {@code 1 / ((1 + sqrt(d/n))^2 lambda_max)}, half the stability bound
 * at the Marchenko-Pastur edge (as in {@link SparseAlgorithmComparison#stepCap}); a single step is stable at any size.
 */
final class TunedEstimator {
    /** The kinds with a tunable first parameter. */
    static final List<String> TUNABLE = List.of("gd", "lasso", "debiased-gd", "ridge", "preconditioned-gd",
            "p-then-o");

    /** The chosen value and the estimator built with it. */
    record Result(double value, Predictor predictor) {
    }

    /** A search interval {@code [lo, hi]} on the log scale, before the step cap. */
    record Range(double lo, double hi, boolean step) {
    }

    private TunedEstimator() {
    }

    /** The search interval of {@code kind}'s first parameter, or null when it has none to tune. */
    static Range range(String kind) {
        return switch (kind) {
            case "gd", "p-then-o", "debiased-gd" -> new Range(1e-4, 4, true);
            case "ridge" -> new Range(1e-6, 1e3, false);
            case "lasso" -> new Range(1e-5, 10, false);
            case "preconditioned-gd" -> new Range(1e-2, 10, false);
            default -> null;
        };
    }

    /** Why {@code kind} is undefined for {@code task}, or null when it is defined. */
    static String undefined(String kind, TaskSection task) {
        if (kind.equals("bayes") && task.kind() == TaskSection.Kind.SPARSE) {
            return "bayes is the posterior mean under the Gaussian prior w ~ N(0, tau2 I), and this task's w is "
                    + task.sparsity() + "-sparse (lasso:tuned is the sparse-aware estimator)";
        }
        if (kind.equals("preconditioned-gd") && task.tasks() != 1) {
            return "its preconditioner is the population optimum of one task, and task.tasks = " + task.tasks();
        }
        return null;
    }

    /**
     * Brent's search of {@code choice}'s first parameter over its range on {@code tuning} (not modified).
     *
     * @param family the estimator at a value of the first parameter
     * @param trainingN the context length of the tuning prompts
     */
    static Result tune(EstimatorChoice choice, DoubleFunction<Predictor> family, Covariance covariance, int trainingN,
                       PromptBatch tuning) {
        Range r = range(choice.kind());
        double hi = r.hi();
        if (r.step()) {
            double lambdaMax = covariance.eigenvalues()[0];
            int steps = choice.parameters().length == 2 ? (int) choice.parameters()[1] : 1;
            double edge = 1 + Math.sqrt((double) covariance.d() / trainingN);
            hi = (steps == 1 ? r.hi() : 1 / (edge * edge)) / (choice.kind().equals("p-then-o") ? 1 : lambdaMax);
        }
        double lo = Math.min(r.lo(), 1e-3 * hi);
        Tuning.Result t = Tuning.brent(family, lo, hi, Tuning.Scale.LOG, tuning);
        return new Result(t.value(), t.predictor());
    }
}
