package org.icldynamics.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.icldynamics.analysis.AnalysisResult;
import org.icldynamics.experiment.inspect.AnalysisFiles;
import org.icldynamics.experiment.inspect.AnalysisSummary;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.inspect.RunAnalysis;
import org.icldynamics.experiment.run.RunReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code icl analyze RUN}: circuits, phases, head roles, the algorithm learned and ablations of a finished run. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Analyse a finished run: writes analysis.json and figures (default: into the run directory).")
final class AnalyzeCommand implements Callable<Integer> {
    private final Function<ExperimentSpec, ExperimentParts> factory;

    @Parameters(paramLabel = "RUN", description = "the run directory")
    Path run;

    @Option(names = "--out", paramLabel = "DIR", description = "where analysis.json and figures/ go (default: RUN)")
    Path out;

    @Option(names = "--prompts", paramLabel = "N", defaultValue = "4096",
            description = "fresh prompts for algorithm identification and ablation (default: ${DEFAULT-VALUE})")
    int prompts;

    @Option(names = "--min-plateau", paramLabel = "FRACTION", defaultValue = "0.01",
            description = "shortest plateau detected, as a fraction of the run's steps (default: ${DEFAULT-VALUE})")
    double minPlateau;

    AnalyzeCommand(Function<ExperimentSpec, ExperimentParts> factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            CommandLines.outputDirectory(out);
        }
        RunReader reader = new RunReader(run, factory);
        AnalysisResult result = new RunAnalysis(reader, prompts, minPlateau).analyze();
        Path json = AnalysisFiles.write(reader, result, out != null ? out : run);
        System.out.print(AnalysisSummary.render(result));
        System.out.println("wrote " + json + " and figures");
        return Main.OK;
    }
}
