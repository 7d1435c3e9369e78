package org.icldynamics.train;

/** Everything a checkpoint holds: the next step to run, parameters and optimizer state (copies). */
public record TrainingState(long step, double t, double[] parameters, double[] optimizerState) {
}
