package org.icldynamics.analysis;

import java.util.List;

/**
 * Measured against predicted drop times of one run, and the predicted loss curve (for overlays).
 *
 * @param method how the prediction was made
 * @param drops one per theory drop
 * @param curveSteps steps of the predicted curve
 * @param curveLosses predicted population loss at {@code curveSteps} (the run's loss units)
 */
public record TimingResult(String method, List<DropTiming> drops, double[] curveSteps, double[] curveLosses) {
    public TimingResult {
        drops = List.copyOf(drops);
        if (curveSteps.length != curveLosses.length) {
            throw new IllegalArgumentException("curve steps and losses differ in length");
        }
    }
}
