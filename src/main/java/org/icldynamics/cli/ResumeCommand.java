package org.icldynamics.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.run.ExperimentRun;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.run.RunDirectory;
import org.icldynamics.train.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code icl resume}: continue a stopped or killed run from its newest checkpoint. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a stopped or killed run from its newest checkpoint (bit-identical to no stop).")
final class ResumeCommand implements Callable<Integer> {
    private final Function<ExperimentSpec, ExperimentParts> factory;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "the run directory")
    Path dir;

    @Option(names = "--accept-config-change", description = "continue although config.yaml changed since the run "
            + "started (recorded in provenance.json); without it such a run is refused")
    boolean acceptConfigChange;

    ResumeCommand(Function<ExperimentSpec, ExperimentParts> factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new ConfigException(dir + ": no such run directory");
        }
        Path summary = new RunDirectory(dir).summary();
        if (Files.isRegularFile(summary) && completed(summary)) {
            System.out.println(dir + ": the run already completed; nothing to resume");
            return Main.OK;
        }
        return RunSession.execute(() -> ExperimentRun.resume(dir, CommandLines.original(spec), factory,
                acceptConfigChange), true);
    }

    /** Whether {@code summary} says the run completed (a damaged summary does not: the run is checked and resumed). */
    private static boolean completed(Path summary) {
        try {
            return RunStatus.COMPLETED.word().equals(new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(summary.toFile()).path("status").asText());
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
