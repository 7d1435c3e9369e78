package org.icldynamics.analysis;

/**
 * Thresholds of {@link PatternMetrics}.
 *
 * @param dummyDiagRatio a head with {@code diag_ratio <= dummyDiagRatio} is a dummy (the authors use 0.7)
 * @param tinyContribution a head whose {@code |omega_h mu_h|} is at most this fraction of the largest over heads is
 *     a dummy (tiny norm)
 */
public record PatternSettings(double dummyDiagRatio, double tinyContribution) {
    public PatternSettings {
        if (!(dummyDiagRatio >= 0 && dummyDiagRatio < 1) || !(tinyContribution >= 0 && tinyContribution < 1)) {
            throw new IllegalArgumentException("need 0 <= dummyDiagRatio < 1 and 0 <= tinyContribution < 1, got "
                    + dummyDiagRatio + ", " + tinyContribution);
        }
    }

    /** The authors' filter {@code diag_ratio > 0.7}, plus heads contributing under 0.1% of the largest. */
    public static PatternSettings defaults() {
        return new PatternSettings(0.7, 1e-3);
    }

    /** Exactly the authors' filter (only {@code diag_ratio > 0.7}), to reproduce their averages (spec F-A2). */
    public static PatternSettings authors() {
        return new PatternSettings(0.7, 0);
    }
}
