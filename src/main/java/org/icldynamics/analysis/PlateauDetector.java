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
 * <p>Algorithm: (1) map time to the abscissa {@code u} of the {@link TimeAxis}; (2) estimate the relative noise
 * {@code sigma} of the curve robustly from the differences of {@code ln loss}; (3) take the local least-squares slope
 * {@code d ln loss / du}; a point is flat when {@code |slope|} is at most {@code maxRelativeSlope} or
 * {@code noiseFactor} standard errors of the slope; (4) flat runs closer than {@code minPlateauLength} with agreeing
 * levels are joined, runs spanning at least {@code minPlateauLength} are plateaus, their level the median raw loss
 * over the run, and consecutive plateaus with agreeing levels (within {@code mergeTolerance} or the noise) are
 * merged; (5) between consecutive plateaus whose level falls by at least {@code minDropFraction}, the drop time is
 * the half-way crossing: the last time between the middles of the two plateaus that the median-smoothed loss falls
 * through the mean of the two levels, interpolated in {@code u}.
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
        double sigma = CurveSmoothing.noiseLevel(c.logLoss());
        double[] spread = new double[t.length];
        double[] slope = CurveSmoothing.localSlope(c.u(), c.logLoss(), settings.slopeHalfWidth(), spread);
        boolean[] flat = new boolean[t.length];
        for (int i = 0; i < t.length; i++) {
            double noiseSlope = spread[i] > 0 ? settings.noiseFactor() * sigma / spread[i] : 0;
            flat[i] = Math.abs(slope[i]) <= Math.max(settings.maxRelativeSlope(), noiseSlope);
        }
        List<int[]> runs = merge(longEnough(join(flatRuns(flat), c.u(), loss, sigma), c.u()), loss, sigma);
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
                // search from the middle of the higher plateau to the middle of the lower one: on noisy curves a
                // plateau's flat stretch can reach into the drop
                int searchFrom = (runs.get(k)[0] + runs.get(k)[1]) / 2;
                int searchTo = (runs.get(k + 1)[0] + runs.get(k + 1)[1]) / 2;
                double time = CurveSmoothing.lastFallTo(settings.axis(), t, c.u(), smooth, half, searchFrom,
                        searchTo);
                drops.add(new Drop(time, from, to));
            }
        }
        return new PlateauResult(plateaus, drops, match(plateaus, theoryLevels));
    }

    /** Maximal runs {@code [first, last]} of flat points. */
    private static List<int[]> flatRuns(boolean[] flat) {
        List<int[]> runs = new ArrayList<>();
        int m = flat.length;
        int i = 0;
        while (i < m) {
            if (!flat[i]) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < m && flat[j + 1]) {
                j++;
            }
            runs.add(new int[] {i, j});
            i = j + 1;
        }
        return runs;
    }

    /** Joins consecutive flat runs separated by less than the minimum plateau length whose levels agree. */
    private List<int[]> join(List<int[]> runs, double[] u, double[] loss, double sigma) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : runs) {
            if (!out.isEmpty()) {
                int[] last = out.get(out.size() - 1);
                if (u[r[0]] - u[last[1]] < settings.minPlateauLength() && sameLevel(last, r, loss, sigma)) {
                    out.set(out.size() - 1, new int[] {last[0], r[1]});
                    continue;
                }
            }
            out.add(r);
        }
        return out;
    }

    private List<int[]> longEnough(List<int[]> runs, double[] u) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : runs) {
            if (u[r[1]] - u[r[0]] >= settings.minPlateauLength()) {
                out.add(r);
            }
        }
        return out;
    }

    /** Merges consecutive plateaus whose median levels agree within the merge tolerance or the noise. */
    private List<int[]> merge(List<int[]> runs, double[] loss, double sigma) {
        List<int[]> out = new ArrayList<>();
        for (int[] r : runs) {
            if (!out.isEmpty()) {
                int[] last = out.get(out.size() - 1);
                if (sameLevel(last, r, loss, sigma)) {
                    out.set(out.size() - 1, new int[] {last[0], r[1]});
                    continue;
                }
            }
            out.add(r);
        }
        return out;
    }

    /**
     * Whether two runs' median levels differ by at most the merge tolerance or {@code noiseFactor} standard errors
     * of the difference of two medians (relative noise {@code sigma}, median efficiency factor 1.2533).
     */
    private boolean sameLevel(int[] a, int[] b, double[] loss, double sigma) {
        double la = medianLoss(loss, a);
        double lb = medianLoss(loss, b);
        int na = a[1] - a[0] + 1;
        int nb = b[1] - b[0] + 1;
        double se = 1.2533 * sigma * Math.sqrt(1.0 / na + 1.0 / nb);
        double tol = Math.max(settings.mergeTolerance(), settings.noiseFactor() * se);
        return Math.abs(la - lb) <= tol * Math.max(la, lb);
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
     * A validated curve with its abscissa, log loss and median-smoothed log loss.
     *
     * @param u abscissa {@code [m]}
     * @param logLoss {@code ln loss} {@code [m]}
     * @param smoothLog running median of {@code ln loss} {@code [m]}
     */
    record Curve(double[] u, double[] logLoss, double[] smoothLog) {
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
            return new Curve(axis.abscissa(t), ll, CurveSmoothing.runningMedian(ll, smoothingPoints));
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
