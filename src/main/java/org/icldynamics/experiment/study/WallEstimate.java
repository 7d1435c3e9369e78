package org.icldynamics.experiment.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.run.ExperimentRun;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.run.RunSummary;
import org.icldynamics.train.RunStatus;
import org.icldynamics.train.TrainingListener;

/**
 * The estimated wall time of a study's remaining runs for {@code --dry-run}: seconds per step from the runs already
 * finished in the study directory, else from a probe of {@link #PROBE_STEPS} steps of the first pending point in a
 * temporary directory (deleted afterwards); times the steps of every pending run, divided by the runs going at once.
 * A rough figure (evaluation and start-up costs are spread over the steps).
 */
public final class WallEstimate {
    public static final int PROBE_STEPS = 40;

    private WallEstimate() {
    }

    /** Estimated seconds, NaN when the probe fails. */
    public static double seconds(Path dir, List<StudyPoint> points, int parallel, int threads,
                                 Function<ExperimentSpec, ExperimentParts> factory) throws IOException {
        double secondsPerStep = 0;
        long measuredSteps = 0;
        long pendingSteps = 0;
        StudyPoint first = null;
        for (StudyPoint p : points) {
            RunSummary s = PointRun.summary(StudyRunner.runRoot(dir, p));
            if (s != null && s.status() != RunStatus.INTERRUPTED && s.steps() > 0) {
                secondsPerStep += s.wallSeconds();
                measuredSteps += s.steps();
            } else {
                pendingSteps += p.spec().train().steps();
                first = first == null ? p : first;
            }
        }
        if (first == null) {
            return 0;
        }
        if (measuredSteps > 0) {
            return secondsPerStep / measuredSteps * pendingSteps / parallel;
        }
        int steps = (int) Math.min(PROBE_STEPS, first.spec().train().steps());
        Path tmp = Files.createTempDirectory("icl-probe");
        try {
            ExperimentSpec probe = ConfigYaml.parse(ConfigYaml.write(first.spec()), "probe",
                    List.of("train.threads=" + threads, "train.steps=" + steps));
            long t0 = System.nanoTime();
            ExperimentRun.create(tmp.resolve("run"), probe, "icl sweep --dry-run (probe)", factory)
                    .run(new TrainingListener() { }, () -> false);
            double perStep = (System.nanoTime() - t0) * 1e-9 / steps;
            return perStep * pendingSteps / parallel;
        } catch (RuntimeException e) {
            return Double.NaN;
        } finally {
            try (Stream<Path> s = Files.walk(tmp)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
