package org.icldynamics.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of {@code icl theory plateaus} and the linear-attention timing subcommands that fix a diagonal
 * {@code Lambda}: its eigenvalues, or a linear / white spectrum of trace 1 in dimension {@code --d}.
 */
final class SpectrumOptions {
    /** Shape of a covariance spectrum when no eigenvalues are given. */
    enum Spectrum { LINEAR, WHITE }

    @Option(names = "--eigenvalues", split = ",", description = "eigenvalues of Lambda, e.g. 0.4,0.3,0.2,0.1")
    double[] eigenvalues;
    @Option(names = "--d", defaultValue = "4", description = "dimension when --eigenvalues is absent (default ${DEFAULT-VALUE})")
    int d;
    @Option(names = "--spectrum", defaultValue = "linear",
            description = "without --eigenvalues: linear (proportional to 1..d) or white, trace 1 (default ${DEFAULT-VALUE})")
    Spectrum spectrum;

    /** The eigenvalues given, or the spectrum's; each checked {@code > 0} (a usage error of {@code spec} if not). */
    double[] eigenvalues(CommandSpec spec) {
        double[] ev = eigenvalues;
        if (ev == null) {
            if (d < 1) {
                throw TheoryCommand.invalid(spec, "give --eigenvalues or --d >= 1");
            }
            ev = new double[d];
            double tr = spectrum == Spectrum.LINEAR ? d * (d + 1) / 2.0 : d;
            for (int k = 0; k < d; k++) {
                ev[k] = (spectrum == Spectrum.LINEAR ? d - k : 1) / tr;
            }
        }
        for (double e : ev) {
            if (!(e > 0)) {
                throw TheoryCommand.invalid(spec, "eigenvalues must be > 0, got " + e);
            }
        }
        return ev;
    }
}
