package org.icldynamics.experiment.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.train.TrainingListener;

/** Tiny real runs for tests: a preset of {@code experiments/} trained through the real run path. */
public final class TinyRuns {
    /** The preset folder, relative to the project root (the tests' working directory). */
    public static final Path EXPERIMENTS = Path.of("experiments");

    private TinyRuns() {
    }

    /** Trains {@code preset} with {@code overrides} into {@code dir} and reads the run back. */
    public static RunReader train(Path dir, String preset, List<String> overrides,
                                  Function<ExperimentSpec, ExperimentParts> factory) throws IOException {
        ExperimentSpec spec = ConfigYaml.load(EXPERIMENTS.resolve(preset), overrides);
        ExperimentRun.create(dir, spec, "test", factory).run(new TrainingListener() { }, () -> false);
        return new RunReader(dir, factory);
    }
}
