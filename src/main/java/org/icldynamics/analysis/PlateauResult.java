package org.icldynamics.analysis;

import java.util.List;

/**
 * Plateaus and abrupt drops found in one loss curve.
 *
 * @param plateaus in time order
 * @param drops one per consecutive pair of plateaus whose level falls by more than the threshold
 * @param matches one per theoretical level when levels were given, else empty
 */
public record PlateauResult(List<Plateau> plateaus, List<Drop> drops, List<LevelMatch> matches) {
    public PlateauResult {
        plateaus = List.copyOf(plateaus);
        drops = List.copyOf(drops);
        matches = List.copyOf(matches);
    }

    /**
     * For every plateau, the index of the snapshot whose step is nearest the plateau's middle (for reading circuits,
     * alignments or the identified algorithm on each plateau).
     *
     * @param steps snapshot steps {@code [s]}, increasing, not modified
     * @return {@code [plateaus]}
     */
    public int[] nearestSnapshots(long[] steps) {
        if (steps.length == 0) {
            throw new IllegalArgumentException("no snapshots");
        }
        int[] out = new int[plateaus.size()];
        for (int k = 0; k < out.length; k++) {
            double mid = 0.5 * (plateaus.get(k).start() + plateaus.get(k).end());
            int best = 0;
            for (int s = 1; s < steps.length; s++) {
                if (Math.abs(steps[s] - mid) < Math.abs(steps[best] - mid)) {
                    best = s;
                }
            }
            out[k] = best;
        }
        return out;
    }

    /**
     * A stretch of the curve where the loss is flat.
     *
     * @param start time of its first point
     * @param end time of its last point
     * @param level median loss over it
     */
    public record Plateau(double start, double end, double level) {
    }

    /**
     * An abrupt drop between two plateaus.
     *
     * @param time half-way crossing: first time the smoothed loss reaches {@code (from + to) / 2}
     * @param from level of the plateau before
     * @param to level of the plateau after
     */
    public record Drop(double time, double from, double to) {
    }

    /**
     * A theoretical level matched to the detected plateau with the closest level.
     *
     * @param theory the theoretical level
     * @param plateau index of the closest plateau, -1 when none was detected
     * @param detected its level (NaN when none)
     * @param relativeError {@code |detected - theory| / |theory|}
     */
    public record LevelMatch(double theory, int plateau, double detected, double relativeError) {
    }
}
