package org.icldynamics.train;

/** How a training run ended. */
public enum RunStatus { COMPLETED, DIVERGED, INTERRUPTED }
