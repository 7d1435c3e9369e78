package org.icldynamics.analysis;

import java.util.List;

/**
 * Warm-up / emergence / convergence boundaries of one loss curve: warm-up is {@code t < emergenceStart}, emergence
 * {@code emergenceStart <= t < emergenceEnd}, convergence after.
 *
 * @param initialLevel median of the first points
 * @param finalLevel median of the last points
 * @param emergenceStart end of warm-up (NaN when the loss never falls by the onset fraction)
 * @param emergenceEnd start of convergence (NaN when the loss never falls by the completion fraction)
 * @param trajectoryPeak time at which the given parameter trajectory peaks in absolute value (NaN without one)
 * @param comparisons measured boundaries against theory values, when given
 */
public record PhaseResult(double initialLevel, double finalLevel, double emergenceStart, double emergenceEnd,
                          double trajectoryPeak, List<BoundaryComparison> comparisons) {
    public PhaseResult {
        comparisons = List.copyOf(comparisons);
    }

    /**
     * One boundary against its theory value.
     *
     * @param boundary {@code "emergenceStart"} or {@code "emergenceEnd"}
     * @param difference {@code measured - theory}
     */
    public record BoundaryComparison(String boundary, double measured, double theory, double difference) {
    }
}
