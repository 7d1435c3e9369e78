package org.icldynamics.cli;

import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.figure.Variant;
import picocli.CommandLine.Option;

/** The options {@code icl figure} and {@code icl reproduce} share: which variant of the presets, on how many cores. */
final class FigureRunOptions {
    @Option(names = "--quick", description = "the quick variant of each preset (fewer steps, smaller batches; seconds)")
    boolean quick;

    @Option(names = "--cores", paramLabel = "N", description = "cores to use (default: all available)")
    int cores = Runtime.getRuntime().availableProcessors();

    /** The variant asked for, after checking {@code --cores} (a usage error naming it when below 1). */
    Variant variant() {
        if (cores < 1) {
            throw new ConfigException("--cores " + cores + ": must be >= 1");
        }
        return quick ? Variant.QUICK : Variant.FULL;
    }
}
