package org.icldynamics.data;

/** Whether a covariance is rescaled after it is built. */
public enum TraceNormalization {
    /** Keep the covariance as specified. */
    NONE,
    /** Divide by the trace so {@code tr Lambda = 1} (the linear-attention paper's default). */
    UNIT_TRACE;

    Covariance apply(Covariance c) {
        return this == UNIT_TRACE ? c.withUnitTrace() : c;
    }
}
