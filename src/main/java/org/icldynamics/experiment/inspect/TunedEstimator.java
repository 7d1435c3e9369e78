package org.icldynamics.experiment.inspect;

import java.util.function.DoubleFunction;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.estimator.Tuning;

/**
 * {@code KIND:tuned} estimators of {@code icl eval}: Brent's search of a tunable kind's first parameter over its
 * interval ({@link EstimatorChoice.Kind}'s table; log scale) on the held-out MSE of the tuning prompts.
 * Step sizes of multi-step descents are capped at {@code 1 / ((1 + sqrt(d/n))^2 lambda_max)}, half the stability bound
 * at the Marchenko-Pastur edge (as in {@link SparseAlgorithmComparison#stepCap}); a single step is stable at any size.
 */
final class TunedEstimator {
    /** The chosen value and the estimator built with it. */
    record Result(double value, Predictor predictor) {
    }

    /**
     * How the upper end of a search interval follows the task: NONE (as given); STEP (a step size: divided by
     * {@code lambda_max}, and capped for multi-step descents); NORMALISED_STEP (a step already normalised by the
     * estimator: only the multi-step cap).
     */
    enum Cap { NONE, STEP, NORMALISED_STEP }

    /** A search interval {@code [lo, hi]} on the log scale, before the cap. */
    record Range(double lo, double hi, Cap cap) {
    }

    private TunedEstimator() {
    }

    /**
     * Brent's search of {@code choice}'s first parameter over its range on {@code tuning} (not modified).
     *
     * @param family the estimator at a value of the first parameter
     * @param trainingN the context length of the tuning prompts
     */
    static Result tune(EstimatorChoice choice, DoubleFunction<Predictor> family, Covariance covariance, int trainingN,
                       PromptBatch tuning) {
        Range r = choice.kind().tuning();
        double hi = r.hi();
        if (r.cap() != Cap.NONE) {
            double lambdaMax = covariance.eigenvalues()[0];
            double edge = 1 + Math.sqrt((double) covariance.d() / trainingN);
            hi = (choice.steps() == 1 ? r.hi() : 1 / (edge * edge)) / (r.cap() == Cap.NORMALISED_STEP ? 1 : lambdaMax);
        }
        double lo = Math.min(r.lo(), 1e-3 * hi);
        Tuning.Result t = Tuning.brent(family, lo, hi, Tuning.Scale.LOG, tuning);
        return new Result(t.value(), t.predictor());
    }
}
