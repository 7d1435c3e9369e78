package org.icldynamics.analysis;

/**
 * Thresholds of {@link PlateauDetector}.
 *
 * @param axis how time is read (log or linear)
 * @param smoothingPoints width in points of the running median of {@code ln loss} used for the drop crossings
 * @param slopeHalfWidth half-width, in abscissa units, of the window of the local least-squares slope of
 *     {@code ln loss}
 * @param maxRelativeSlope a point is flat when {@code |d ln loss / du|} is at most this (u = abscissa) or at most
 *     {@code noiseFactor} standard errors of the slope, whichever is larger
 * @param noiseFactor how many standard errors of the local slope (from the curve's own noise, estimated robustly from
 *     its point-to-point differences) still count as flat; also the number of standard errors within which two
 *     plateau levels are merged; 0 ignores noise
 * @param minPlateauLength minimum abscissa length of a plateau (e-folds for LOG, fraction of the run for LINEAR);
 *     flat stretches closer than this with agreeing levels are joined first
 * @param mergeTolerance consecutive plateaus whose levels differ by less than this relative amount (or within the
 *     noise) are merged
 * @param minDropFraction a drop is reported between consecutive plateaus only if the level falls by at least this
 *     fraction of the higher level
 */
public record PlateauSettings(TimeAxis axis, int smoothingPoints, double slopeHalfWidth, double maxRelativeSlope,
                              double noiseFactor, double minPlateauLength, double mergeTolerance,
                              double minDropFraction) {
    public PlateauSettings {
        if (axis == null) {
            throw new IllegalArgumentException("axis is required");
        }
        if (smoothingPoints < 1) {
            throw new IllegalArgumentException("smoothingPoints must be >= 1, got " + smoothingPoints);
        }
        if (!(slopeHalfWidth > 0) || !(maxRelativeSlope > 0) || !(minPlateauLength > 0) || !(noiseFactor >= 0)) {
            throw new IllegalArgumentException("slopeHalfWidth, maxRelativeSlope and minPlateauLength must be > 0 "
                    + "and noiseFactor >= 0");
        }
        if (!(mergeTolerance >= 0) || !(minDropFraction >= 0 && minDropFraction < 1)) {
            throw new IllegalArgumentException("need mergeTolerance >= 0 and 0 <= minDropFraction < 1");
        }
    }

    /**
     * Defaults for a curve logged on a log-spaced (or long) time axis: median over 5 points, slope window of
     * +/- 0.25 e-folds, flat below |d ln L / d ln t| = 0.05 or 4 standard errors, plateaus at least 0.5 e-folds long,
     * merge within 3%, drops of at least 5%.
     */
    public static PlateauSettings logTime() {
        return new PlateauSettings(TimeAxis.LOG, 5, 0.25, 0.05, 4, 0.5, 0.03, 0.05);
    }

    /**
     * Defaults for a curve on a linear step axis: median over 5 points, slope window of +/- 2% of the run, flat below
     * |d ln L / du| = 1 (less than 1% relative change per 1% of the run) or 4 standard errors, plateaus at least 4%
     * of the run, merge within 3%, drops of at least 5%.
     */
    public static PlateauSettings linearTime() {
        return new PlateauSettings(TimeAxis.LINEAR, 5, 0.02, 1.0, 4, 0.04, 0.03, 0.05);
    }

    public PlateauSettings withMinPlateauLength(double length) {
        return new PlateauSettings(axis, smoothingPoints, slopeHalfWidth, maxRelativeSlope, noiseFactor, length,
                mergeTolerance, minDropFraction);
    }

    public PlateauSettings withSlopeHalfWidth(double halfWidth) {
        return new PlateauSettings(axis, smoothingPoints, halfWidth, maxRelativeSlope, noiseFactor, minPlateauLength,
                mergeTolerance, minDropFraction);
    }
}
