package org.icldynamics.experiment.study;

import java.util.Locale;

/**
 * Counts of a sweep in progress and the line that shows them: {@code done / running / failed / ETA}. The ETA is the
 * remaining runs times the mean wall time of the runs trained so far, divided by the runs going at once.
 *
 * @param total runs in the study
 * @param done finished runs (reused, completed or diverged)
 * @param running runs training now
 * @param failed runs that diverged or failed
 * @param trained runs trained (not reused) by this invocation so far, and their summed wall seconds
 */
public record StudyProgress(String name, int total, int done, int running, int failed, int trained,
                            double trainedSeconds, int parallel) {
    /** Seconds until every run is done, NaN before the first run finished. */
    public double etaSeconds() {
        if (trained == 0) {
            return Double.NaN;
        }
        return (total - done) * (trainedSeconds / trained) / Math.max(1, parallel);
    }

    /** {@code sweep NAME: 12/72 done, 2 running, 0 failed, ETA 3m10s}. */
    public String line() {
        double eta = etaSeconds();
        return String.format(Locale.ROOT, "sweep %s: %d/%d done, %d running, %d failed, ETA %s", name, done, total,
                running, failed, done == total ? "0s" : Double.isNaN(eta) ? "?" : duration(eta));
    }

    /** {@code 45s}, {@code 3m10s}, {@code 2h05m}. */
    public static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60);
    }
}
