package org.icldynamics.experiment;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code summary.json}. Losses are null when never measured (or not finite).
 *
 * @param status completed, diverged or interrupted
 * @param steps the step the run reached
 * @param wallSeconds wall time of the last segment (a resumed run counts from its resume)
 * @param message why the run ended (for divergence: the step and the parameter block)
 */
public record RunSummary(@JsonProperty("status") String status,
                         @JsonProperty("steps") long steps,
                         @JsonProperty("final_train_loss") Double finalTrainLoss,
                         @JsonProperty("final_eval_loss") Double finalEvalLoss,
                         @JsonProperty("wall_seconds") double wallSeconds,
                         @JsonProperty("message") String message) {
    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
