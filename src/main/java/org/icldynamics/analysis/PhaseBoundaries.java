package org.icldynamics.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Warm-up / emergence / convergence boundaries from a loss curve (see {@link PhaseSettings} for the rule), optionally
 * with the peak time of a parameter trajectory (for example a head's omega, which peaks at the end of emergence in
 * the softmax paper) and a comparison with theory values.
 */
public final class PhaseBoundaries {
    private final PhaseSettings settings;

    public PhaseBoundaries(PhaseSettings settings) {
        this.settings = settings;
    }

    /**
     * Boundaries of one curve.
     *
     * @param t strictly increasing times {@code [m]}, not modified
     * @param loss losses {@code [m]}, not modified
     */
    public PhaseResult detect(double[] t, double[] loss) {
        return detect(t, loss, null, Double.NaN, Double.NaN);
    }

    /**
     * Boundaries with an optional trajectory and optional theory values.
     *
     * @param t strictly increasing times {@code [m]}, not modified
     * @param loss losses {@code [m]}, not modified
     * @param trajectory a parameter over the same times {@code [m]}, not modified; null for none
     * @param theoryStart theory value of the end of warm-up; NaN for none
     * @param theoryEnd theory value of the end of emergence; NaN for none
     */
    public PhaseResult detect(double[] t, double[] loss, double[] trajectory, double theoryStart, double theoryEnd) {
        int m = t.length;
        if (loss.length != m || (trajectory != null && trajectory.length != m)) {
            throw new IllegalArgumentException("times, losses and trajectory must have the same length " + m);
        }
        if (m < 2 * settings.edgePoints()) {
            throw new IllegalArgumentException("a loss curve of " + m + " points is shorter than twice edgePoints = "
                    + settings.edgePoints());
        }
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(loss[i])) {
                throw new IllegalArgumentException("loss must be finite; loss[" + i + "] = " + loss[i]);
            }
            if (i > 0 && !(t[i] > t[i - 1])) {
                throw new IllegalArgumentException("times must be strictly increasing at index " + i);
            }
        }
        int e = settings.edgePoints();
        double l0 = CurveSmoothing.median(Arrays.copyOfRange(loss, 0, e));
        double lf = CurveSmoothing.median(Arrays.copyOfRange(loss, m - e, m));
        double start = Double.NaN;
        double end = Double.NaN;
        if (l0 > lf) {
            double drop = l0 - lf;
            start = changePoint(t, loss, l0 - settings.onsetFraction() * drop);
            end = changePoint(t, loss, l0 - settings.completionFraction() * drop);
        }
        double peak = Double.NaN;
        if (trajectory != null) {
            int best = 0;
            for (int i = 1; i < m; i++) {
                if (Math.abs(trajectory[i]) > Math.abs(trajectory[best])) {
                    best = i;
                }
            }
            peak = t[best];
        }
        List<PhaseResult.BoundaryComparison> cmp = new ArrayList<>();
        if (!Double.isNaN(theoryStart)) {
            cmp.add(new PhaseResult.BoundaryComparison("emergenceStart", start, theoryStart, start - theoryStart));
        }
        if (!Double.isNaN(theoryEnd)) {
            cmp.add(new PhaseResult.BoundaryComparison("emergenceEnd", end, theoryEnd, end - theoryEnd));
        }
        return new PhaseResult(l0, lf, start, end, peak, cmp);
    }

    /**
     * Threshold change point: the split {@code k} minimising the number of points at or below {@code level} before
     * it plus the number above it from {@code k} on (ties: the first best split); returned linearly interpolated when
     * the loss crosses the level between points {@code k-1} and {@code k}, else as their midpoint. NaN when no point
     * is at or below the level.
     *
     * @param t times {@code [m]}, not modified
     * @param loss losses {@code [m]}, not modified
     */
    private static double changePoint(double[] t, double[] loss, double level) {
        int m = t.length;
        int above = 0;
        int below = 0;
        for (double v : loss) {
            if (v > level) {
                above++;
            }
        }
        if (above == m) {
            return Double.NaN;
        }
        // split k: wrong = (points <= level in [0, k)) + (points > level in [k, m))
        int wrong = above;
        int bestK = 0;
        int best = wrong;
        for (int k = 1; k <= m; k++) {
            if (loss[k - 1] > level) {
                wrong--;
            } else {
                wrong++;
            }
            if (wrong < best) {
                best = wrong;
                bestK = k;
            }
        }
        if (bestK == 0) {
            return t[0];
        }
        if (bestK == m) {
            return t[m - 1];
        }
        double a = loss[bestK - 1];
        double b = loss[bestK];
        if (a > level && b <= level) { // a genuine crossing between the two points: interpolate
            return t[bestK - 1] + (a - level) / (a - b) * (t[bestK] - t[bestK - 1]);
        }
        return 0.5 * (t[bestK - 1] + t[bestK]);
    }
}
