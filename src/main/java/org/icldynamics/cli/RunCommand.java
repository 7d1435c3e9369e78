package org.icldynamics.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.run.ExperimentRun;
import org.icldynamics.experiment.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code icl run}: one experiment into a new run directory. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run an experiment (no CONFIG: the embedded main job) into a new run directory.")
final class RunCommand implements Callable<Integer> {
    private final Function<ExperimentSpec, ExperimentParts> factory;

    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "YAML file (default: the embedded defaults)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key, e.g. --set train.lr=0.02")
    List<String> sets = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default: runs/NAME-TIMESTAMP)")
    Path out;

    RunCommand(Function<ExperimentSpec, ExperimentParts> factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() throws Exception {
        ExperimentSpec spec = config == null ? ConfigYaml.defaults(sets) : ConfigYaml.load(config, sets);
        Path dir = out != null ? out : Path.of("runs", name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        return RunSession.execute(() -> ExperimentRun.create(dir, spec, commandLine(), factory));
    }

    private String name() {
        if (config == null) {
            return "main";
        }
        String f = config.getFileName().toString();
        return f.endsWith(".yaml") || f.endsWith(".yml") ? f.substring(0, f.lastIndexOf('.')) : f;
    }

    private String commandLine() {
        return CommandLines.original(spec);
    }
}
