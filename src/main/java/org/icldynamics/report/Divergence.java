package org.icldynamics.report;

/**
 * Where a loss curve diverges, for drawing: the first logged row whose loss is not finite or exceeds
 * {@link #FACTOR} times the first finite loss. Figures plot the rows before it (so the y range comes from the finite
 * part) and mark it.
 */
public final class Divergence {
    /** A loss this many times the initial one counts as exploded. */
    public static final double FACTOR = 1e3;

    private Divergence() {
    }

    /**
     * The index of the first diverged row of {@code loss} (not modified), or {@code loss.length} when none. Missing
     * values (NaN of rows without a measurement) count as diverged only when no finite value follows them.
     */
    public static int firstIndex(double[] loss) {
        double initial = Double.NaN;
        for (int i = 0; i < loss.length; i++) {
            double v = loss[i];
            if (Double.isNaN(v) && laterFinite(loss, i)) {
                continue;
            }
            if (!Double.isFinite(v)) {
                return i;
            }
            if (Double.isNaN(initial)) {
                initial = Math.abs(v);
            } else if (Math.abs(v) > FACTOR * Math.max(initial, Double.MIN_NORMAL)) {
                return i;
            }
        }
        return loss.length;
    }

    private static boolean laterFinite(double[] loss, int i) {
        for (int j = i + 1; j < loss.length; j++) {
            if (Double.isFinite(loss[j])) {
                return true;
            }
        }
        return false;
    }
}
