package org.icldynamics.analysis;

import java.util.List;

/**
 * Which candidate algorithm a model implements.
 *
 * @param model the model's name
 * @param prompts number of fresh prompts the predictions were compared on
 * @param fits one per family, in the order given
 * @param best name of the family with the smallest relative error
 */
public record IdentificationResult(String model, int prompts, List<FamilyFit> fits, String best) {
    public IdentificationResult {
        fits = List.copyOf(fits);
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
