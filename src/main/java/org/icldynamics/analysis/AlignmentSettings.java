package org.icldynamics.analysis;

/**
 * Thresholds of {@link KeyAlignment}.
 *
 * @param minCos a key/query pair is aligned with an eigenvector when both {@code |cos|} exceed this (the linear
 *     paper's acceptance uses 0.95)
 * @param grownFraction a key/query pair has grown when {@code |v_h| ||k|| ||q||} is at least this fraction of the
 *     largest over all pairs (spare heads stay near their small initial values)
 */
public record AlignmentSettings(double minCos, double grownFraction) {
    public AlignmentSettings {
        if (!(minCos > 0 && minCos < 1) || !(grownFraction >= 0 && grownFraction < 1)) {
            throw new IllegalArgumentException("need 0 < minCos < 1 and 0 <= grownFraction < 1, got " + minCos
                    + ", " + grownFraction);
        }
    }

    /** {@code |cos| > 0.95}; grown above 5% of the largest product. */
    public static AlignmentSettings defaults() {
        return new AlignmentSettings(0.95, 0.05);
    }
}
