package org.icldynamics.analysis;

/**
 * Thresholds of {@link PhaseBoundaries}. With {@code L0} the initial and {@code Lf} the final level, emergence starts
 * when the smoothed loss has fallen by {@code onsetFraction * (L0 - Lf)} and ends when it has fallen by
 * {@code completionFraction * (L0 - Lf)}. Each crossing is read as a threshold change point: the time that best
 * splits the raw points into "above the level" before and "at or below it" after (fewest points on the wrong side),
 * which isolated noise spikes cannot move and which needs no smoothing.
 *
 * @param onsetFraction end of warm-up, in (0, 1)
 * @param completionFraction end of emergence, in ({@code onsetFraction}, 1)
 * @param edgePoints number of first (last) points whose median is the initial (final) level
 */
public record PhaseSettings(double onsetFraction, double completionFraction, int edgePoints) {
    public PhaseSettings {
        if (!(onsetFraction > 0 && onsetFraction < completionFraction && completionFraction < 1)) {
            throw new IllegalArgumentException("need 0 < onsetFraction < completionFraction < 1, got "
                    + onsetFraction + ", " + completionFraction);
        }
        if (edgePoints < 1) {
            throw new IllegalArgumentException("edgePoints must be >= 1, got " + edgePoints);
        }
    }

    /**
     * Defaults: emergence from 20% to 90% of the total drop, levels from 5 edge points. On the
     * softmax paper's two-head gradient flow (A.4.5) these give 5.5 and 7.2 against its hand-set 5.5 and 7.5.
     */
    public static PhaseSettings defaults() {
        return new PhaseSettings(0.2, 0.9, 5);
    }
}
