package org.icldynamics.report;

/**
 * A labelled horizontal line on a loss figure: a reference value from the config, or a theory value (the theory
 * package computes those; the experiment layer turns them into reference lines).
 */
public record ReferenceLine(String label, double value) {
    public ReferenceLine {
        if (label == null || !Double.isFinite(value)) {
            throw new IllegalArgumentException("a reference line needs a label and a finite value");
        }
    }
}
