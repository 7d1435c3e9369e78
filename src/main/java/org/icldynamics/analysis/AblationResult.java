package org.icldynamics.analysis;

import java.util.List;

/**
 * Losses of a model under interventions, on one batch of fresh prompts.
 *
 * @param prompts number of prompts
 * @param baselineLoss loss of the unmodified model
 * @param rows one per intervention list, in the order given
 */
public record AblationResult(int prompts, double baselineLoss, List<Row> rows) {
    public AblationResult {
        rows = List.copyOf(rows);
    }

    /**
     * The loss under one list of interventions.
     *
     * @param label the interventions' labels joined by {@code " + "} ({@code "none"} for an empty list)
     * @param loss {@code mean (yhat - y_q)^2} over prompts and outputs
     * @param increase {@code loss - baselineLoss}
     */
    public record Row(String label, double loss, double increase) {
    }
}
