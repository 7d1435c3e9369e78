package org.icldynamics.train;

/**
 * One logged step: {@code t} is gradient-flow time (the integral of the learning-rate schedule, {@code lr * step}
 * when constant, for discrete optimizers; the integrator's time
 * for gradient flow); {@code evalLoss} is NaN on steps without evaluation.
 */
public record LogRecord(long step, double t, double trainLoss, double evalLoss) {
}
