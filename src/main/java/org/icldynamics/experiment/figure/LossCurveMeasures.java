package org.icldynamics.experiment.figure;

/**
 * Small measurements on a logged loss curve that figure checks compare with theory: half-way crossings (the drop
 * time of the spec's acceptance tables) and plateau heights near a theory level. (The analysis package's plateau
 * detector does the general job; these two are the spec's exact definitions.)
 */
public final class LossCurveMeasures {
    private LossCurveMeasures() {
    }

    /**
     * The first step at which the loss falls below {@code (from + to) / 2}, linearly interpolated between logged
     * steps; NaN if it never does.
     *
     * @param steps logged steps, increasing, not modified
     * @param loss loss per logged step, not modified
     */
    public static double halfWayCrossing(double[] steps, double[] loss, double from, double to) {
        double mid = 0.5 * (from + to);
        for (int i = 1; i < loss.length; i++) {
            if (loss[i] < mid && loss[i - 1] >= mid) {
                double f = (loss[i - 1] - mid) / (loss[i - 1] - loss[i]);
                return steps[i - 1] + f * (steps[i] - steps[i - 1]);
            }
        }
        return Double.NaN;
    }

    /**
     * The loss on the flattest stretch near {@code level}: among logged points whose loss changes by less than
     * {@code flatness} (relative) over {@code halfWidth} points on either side, the one closest to {@code level}.
     * NaN when the curve never rests (no such point).
     *
     * @param loss loss per logged step, not modified
     */
    public static double plateauNear(double[] loss, double level, int halfWidth, double flatness) {
        double best = Double.NaN;
        for (int i = halfWidth; i + halfWidth < loss.length; i++) {
            double a = loss[i - halfWidth];
            double b = loss[i + halfWidth];
            if (!Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(loss[i])) {
                continue;
            }
            if (Math.abs(a - b) <= flatness * Math.abs(loss[i])
                    && (Double.isNaN(best) || Math.abs(loss[i] - level) < Math.abs(best - level))) {
                best = loss[i];
            }
        }
        return best;
    }

    /**
     * The number of distinct plateaus of a loss curve, {@link #plateauLevels}'s size. The number of drops is this
     * minus one.
     *
     * @param loss loss per logged step, not modified
     */
    public static int plateauCount(double[] loss, int halfWidth, double flatness, double separation) {
        return plateauLevels(loss, halfWidth, flatness, separation).size();
    }

    /**
     * The levels of the distinct plateaus of a loss curve, in order: points whose loss changes by less than
     * {@code flatness} (relative) over {@code halfWidth} points on either side are flat; consecutive flat points form a
     * stretch; neighbouring stretches whose mean levels differ by less than {@code separation} (relative) are one
     * plateau, at the later stretch's mean.
     *
     * @param loss loss per logged step, not modified
     */
    public static java.util.List<Double> plateauLevels(double[] loss, int halfWidth, double flatness,
                                                       double separation) {
        java.util.List<Double> levels = new java.util.ArrayList<>();
        double sum = 0;
        int count = 0;
        for (int i = halfWidth; i + halfWidth < loss.length; i++) {
            double a = loss[i - halfWidth];
            double b = loss[i + halfWidth];
            boolean flat = Double.isFinite(a) && Double.isFinite(b) && Math.abs(a - b) <= flatness * Math.abs(loss[i]);
            if (flat) {
                sum += loss[i];
                count++;
            }
            if ((!flat || i + halfWidth + 1 == loss.length) && count > 0) {
                double level = sum / count;
                if (levels.isEmpty()
                        || Math.abs(level - levels.get(levels.size() - 1)) > separation * Math.abs(level)) {
                    levels.add(level);
                } else {
                    levels.set(levels.size() - 1, level);
                }
                sum = 0;
                count = 0;
            }
        }
        return levels;
    }

    /** The loss at the logged step closest to {@code step}. */
    public static double at(double[] steps, double[] loss, double step) {
        int best = 0;
        for (int i = 1; i < steps.length; i++) {
            if (Math.abs(steps[i] - step) < Math.abs(steps[best] - step)) {
                best = i;
            }
        }
        return loss[best];
    }
}
