package org.icldynamics.train;

/** How a training run ended; FAILED: its run directory vanished or could not be written (full disk). */
public enum RunStatus { COMPLETED, DIVERGED, INTERRUPTED, FAILED }
