package org.icldynamics.train;

/** The end of a run; {@code message} says why a run diverged or stopped (step and parameter block). */
public record TrainOutcome(RunStatus status, long steps, double finalTrainLoss, double finalEvalLoss, String message) {
}
