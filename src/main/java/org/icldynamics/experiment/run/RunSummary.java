package org.icldynamics.experiment.run;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.icldynamics.train.RunStatus;
import org.icldynamics.train.TrainOutcome;

/**
 * {@code summary.json}. The losses are those of the last rows of {@code metrics.csv} (null when never measured or not
 * finite), so the summary and the metrics always agree.
 *
 * @param status how the run ended, written as its word ({@code completed}, {@code diverged}, {@code interrupted} or
 *     {@code failed}: the run directory vanished or could not be written)
 * @param steps the step the run reached
 * @param finalTrainLoss the training loss of the last metrics row
 * @param finalEvalLoss the last evaluation loss in the metrics
 * @param finalEvalStep the step of {@code finalEvalLoss} (null when none)
 * @param divergenceStep the step at which the run diverged (null when it did not)
 * @param wallSeconds wall time of the last segment (a resumed run counts from its resume)
 * @param message why the run ended (for divergence: the step and the cause)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunSummary(@JsonProperty("status") RunStatus status,
                         @JsonProperty("steps") long steps,
                         @JsonProperty("final_train_loss") Double finalTrainLoss,
                         @JsonProperty("final_eval_loss") Double finalEvalLoss,
                         @JsonProperty("final_eval_step") Long finalEvalStep,
                         @JsonProperty("divergence_step") Long divergenceStep,
                         @JsonProperty("wall_seconds") double wallSeconds,
                         @JsonProperty("message") String message) {
    /** The summary of {@code outcome} (or of a failure), its losses from the last rows of {@code metricsText}. */
    static RunSummary of(TrainOutcome outcome, String failure, String metricsText, double wall) {
        double train = Double.NaN;
        double eval = Double.NaN;
        Long evalStep = null;
        String[] lines = metricsText.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",", -1);
            if (f.length < 4) {
                continue;
            }
            train = f[2].isEmpty() ? Double.NaN : Double.parseDouble(f[2]);
            if (!f[3].isEmpty()) {
                eval = Double.parseDouble(f[3]);
                evalStep = Long.parseLong(f[0]);
            }
        }
        RunStatus status = failure != null ? RunStatus.FAILED : outcome.status();
        return new RunSummary(status, outcome.steps(), RunSummary.finite(train), RunSummary.finite(eval), evalStep,
                outcome.status() == RunStatus.DIVERGED && failure == null ? outcome.steps() : null, wall,
                failure != null ? "failed: " + failure : outcome.message());
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
