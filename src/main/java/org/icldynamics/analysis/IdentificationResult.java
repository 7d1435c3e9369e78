package org.icldynamics.analysis;

import java.util.List;

/**
 * Which candidate algorithm a model implements.
 *
 * @param model the model's name
 * @param prompts number of fresh prompts the predictions were compared on
 * @param fits one per family, in the order given
 * @param best name of the family with the smallest relative error
 * @param threshold largest relative prediction error at which a family counts as fitting
 * @param verdict {@code best} when its relative error is at most {@code threshold}, else {@link #NO_FIT}
 */
public record IdentificationResult(String model, int prompts, List<FamilyFit> fits, String best, double threshold,
                                   String verdict) {
    /**
     * Default threshold: 10% relative prediction error. Trained runs that implement a family sit at 0.2-3% (the
     * rank-one staircase's plateaus: PCR-m at 1.6-2.7%; debiased GD on softmax runs); runs no family describes sit far
     * above (multi-task runs as one ridge: 54%).
     */
    public static final double DEFAULT_THRESHOLD = 0.10;
    /** The verdict when no family fits. */
    public static final String NO_FIT = "no candidate fits";

    public IdentificationResult {
        fits = List.copyOf(fits);
        if (!(threshold > 0)) {
            throw new IllegalArgumentException("threshold must be > 0, got " + threshold);
        }
    }

    /** With the verdict computed from {@code threshold}. */
    public IdentificationResult(String model, int prompts, List<FamilyFit> fits, String best, double threshold) {
        this(model, prompts, fits, best, threshold, verdictOf(fits, best, threshold));
    }

    /** With the {@link #DEFAULT_THRESHOLD}. */
    public IdentificationResult(String model, int prompts, List<FamilyFit> fits, String best) {
        this(model, prompts, fits, best, DEFAULT_THRESHOLD);
    }

    /** Whether the best family fits within the threshold. */
    public boolean fitsWithinThreshold() {
        return !verdict.equals(NO_FIT);
    }

    private static String verdictOf(List<FamilyFit> fits, String best, double threshold) {
        for (FamilyFit f : fits) {
            if (f.family().equals(best)) {
                return f.relativeError() <= threshold ? best : NO_FIT;
            }
        }
        throw new IllegalArgumentException("best family " + best + " is not among the fits");
    }

    /** The fit of the family named {@link #best}. */
    public FamilyFit bestFit() {
        return fits.stream().filter(f -> f.family().equals(best)).findFirst().orElseThrow();
    }

    /**
     * One family's best parameter.
     *
     * @param family the family's name
     * @param parameter the fitted parameter
     * @param meanSquaredDifference {@code mean (yhat_model - yhat_family)^2} over prompts and outputs
     * @param relativeError {@code ||yhat_model - yhat_family|| / ||yhat_model||}
     * @param atBoundary the fit sits at an end of a continuous range (widen the range)
     */
    public record FamilyFit(String family, double parameter, double meanSquaredDifference, double relativeError,
                            boolean atBoundary) {
    }
}
