package org.icldynamics.experiment.figure;

import java.nio.file.Path;

/**
 * A drawn figure.
 *
 * @param directory where its image, {@code checks.csv}, {@code key-numbers.csv} and runs are
 * @param seconds wall time of the runs (this invocation's share; reused runs cost nothing) and the drawing
 * @param reusedRuns how many runs were found finished and not recomputed
 */
public record FigureOutcome(FigurePreset preset, Variant variant, FigureResult result, Path directory,
                            double seconds, int reusedRuns) {
}
