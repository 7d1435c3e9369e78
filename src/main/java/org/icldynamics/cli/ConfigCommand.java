package org.icldynamics.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code icl config}: the fully resolved config, or the schema of every key. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Print the fully resolved config (defaults + CONFIG + --set), or every key with --schema.")
final class ConfigCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "YAML file (default: the embedded defaults)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key, e.g. --set train.lr=0.02")
    List<String> sets = new ArrayList<>();

    @Option(names = "--schema", description = "list every key with its default and meaning")
    boolean schema;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (schema && (config != null || !sets.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--schema lists every key and takes no "
                    + (config != null ? "CONFIG (got " + config + ")" : "--set"));
        }
        if (schema) {
            System.out.print(ConfigYaml.schema().table());
            return Main.OK;
        }
        ExperimentSpec resolved = config == null ? ConfigYaml.defaults(sets) : ConfigYaml.load(config, sets);
        System.out.print(ConfigYaml.write(resolved));
        return Main.OK;
    }
}
