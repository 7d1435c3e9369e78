package org.icldynamics.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.icldynamics.analysis.PlateauResult.Drop;
import org.icldynamics.analysis.PlateauResult.LevelMatch;
import org.icldynamics.analysis.PlateauResult.Plateau;

/**
 * Finds plateaus and abrupt drops in a loss curve.
 *
 * <p>Algorithm: (1) map time to the abscissa {@code u} of the {@link TimeAxis}; (2) smooth {@code ln loss} with a
 * running median; (3) take the local least-squares slope {@code d ln loss / du}; (4) a plateau is a maximal run of
 * points with {@code |slope| <= maxRelativeSlope} spanning at least {@code minPlateauLength}, its level the median
 * raw loss over the run; consecutive plateaus with levels within {@code mergeTolerance} are merged; (5) between
 * consecutive plateaus whose level falls by at least {@code minDropFraction}, the drop time is the half-way crossing:
 * the first time the smoothed loss reaches the mean of the two levels, interpolated in {@code u}.
 */
public final class PlateauDetector {
    private final PlateauSettings settings;

    public PlateauDetector(PlateauSettings settings) {
        this.settings = settings;
    }

    public PlateauSettings settings() {
        return settings;
    }

    /**
     * Plateaus and drops of one curve.
     *
     * @param t strictly increasing times {@code [m]} (steps or gradient-flow time), not modified
     * @param loss positive losses {@code [m]}, not modified
     */
    public PlateauResult detect(double[] t, double[] loss) {
        return detect(t, loss, new double[0]);
    }

    /**
     * Plateaus and drops, with each theoretical level matched to the detected plateau of closest level.
     *
     * @param t strictly increasing times {@code [m]}, not modified
     * @param loss positive losses {@code [m]}, not modified
     * @param theoryLevels theoretical plateau levels {@code [k]} (any order), not modified
     */
    public PlateauResult detect(double[] t, double[] loss, double[] theoryLevels) {
        Curve c = Curve.of(settings.axis(), t, loss, settings.smoothingPoints());
        double[] slope = CurveSmoothing.localSlope(c.u(), c.smoothLog(), settings.slopeHalfWidth());
        List<int[]> runs = merge(flatRuns(c.u(), slope), loss);
        List<Plateau> plateaus = new ArrayList<>();
        for (int[] r : runs) {
            plateaus.add(new Plateau(t[r[0]], t[r[1]], medianLoss(loss, r)));
        }
        List<Drop> drops = new ArrayList<>();
        double[] smooth = c.smooth();
        for (int k = 0; k + 1 < runs.size(); k++) {
            double from = plateaus.get(k).level();
            double to = plateaus.get(k + 1).level();
            if (to <= from * (1 - settings.minDropFraction())) {
                double half = 0.5 * (from + to);
                double time = CurveSmoothing.firstFallTo(settings.axis(), t, c.u(), smooth, half,
                        runs.get(k)[1], runs.get(k + 1)[0]);
                drops.add(new Drop(time, from, to));
            }
        }
        return new PlateauResult(plateaus, drops, match(plateaus, theoryLevels));
    }

    /** Maximal runs {@code [first, last]} of flat points that are long enough. */
    private List<int[]> flatRuns(double[] u, double[] slope) {
        List<int[]> runs = new ArrayList<>();
        int m = u.length;
        int i = 0;
        while (i < m) {
            if (Math.abs(slope[i]) > settings.maxRelativeSlope()) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < m && Math.abs(slope[j + 1]) <= settings.maxRelativeSlope()) {
                j++;
            }
            if (u[j] - u[i] >= settings.minPlateauLength()) {
                runs.add(new int[] {i, j});
            }
            i = j + 1;
        }
        return runs;
    }

    /** Merges consecutive runs whose median levels agree within the merge tolerance. */
    private List<int[]> merge(List<int[]> runs, double[] loss) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : runs) {
            if (!out.isEmpty()) {
                int[] last = out.get(out.size() - 1);
                double a = medianLoss(loss, last);
                double b = medianLoss(loss, r);
                if (Math.abs(a - b) <= settings.mergeTolerance() * Math.max(a, b)) {
                    out.set(out.size() - 1, new int[] {last[0], r[1]});
                    continue;
                }
            }
            out.add(r);
        }
        return out;
    }

    private static double medianLoss(double[] loss, int[] run) {
        return CurveSmoothing.median(Arrays.copyOfRange(loss, run[0], run[1] + 1));
    }

    private static List<LevelMatch> match(List<Plateau> plateaus, double[] theory) {
        List<LevelMatch> out = new ArrayList<>();
        for (double level : theory) {
            int best = -1;
            double err = Double.POSITIVE_INFINITY;
            for (int k = 0; k < plateaus.size(); k++) {
                double e = Math.abs(plateaus.get(k).level() - level) / Math.abs(level);
                if (e < err) {
                    err = e;
                    best = k;
                }
            }
            out.add(best < 0 ? new LevelMatch(level, -1, Double.NaN, Double.NaN)
                    : new LevelMatch(level, best, plateaus.get(best).level(), err));
        }
        return out;
    }

    /**
     * A validated curve with its abscissa and median-smoothed log loss.
     *
     * @param u abscissa {@code [m]}
     * @param smoothLog running median of {@code ln loss} {@code [m]}
     */
    record Curve(double[] u, double[] smoothLog) {
        static Curve of(TimeAxis axis, double[] t, double[] loss, int smoothingPoints) {
            if (t.length != loss.length) {
                throw new IllegalArgumentException("times and losses differ in length: " + t.length + " vs "
                        + loss.length);
            }
            if (t.length < 3) {
                throw new IllegalArgumentException("a loss curve needs at least 3 points, got " + t.length);
            }
            double[] ll = new double[loss.length];
            for (int i = 0; i < loss.length; i++) {
                if (!(loss[i] > 0) || Double.isInfinite(loss[i])) {
                    throw new IllegalArgumentException("loss must be finite and > 0; loss[" + i + "] = " + loss[i]);
                }
                ll[i] = Math.log(loss[i]);
            }
            return new Curve(axis.abscissa(t), CurveSmoothing.runningMedian(ll, smoothingPoints));
        }

        double[] smooth() {
            double[] s = new double[smoothLog.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = Math.exp(smoothLog[i]);
            }
            return s;
        }
    }
}
