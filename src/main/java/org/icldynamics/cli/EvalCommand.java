package org.icldynamics.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.inspect.EstimatorChoice;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.inspect.RunEvaluation;
import org.icldynamics.experiment.run.RunReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code icl eval RUN...}: trained runs and estimators against context length, with theory curves. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate trained runs and estimators on fresh prompts at several context lengths: eval.csv "
                + "(bootstrap 95%% intervals) and figures/eval.png with the theory curves.")
final class EvalCommand implements Callable<Integer> {
    private final Function<ExperimentSpec, ExperimentParts> factory;

    @Parameters(arity = "0..*", paramLabel = "RUN", description = "run directories (none: estimators only, "
            + "on the task of --config)")
    List<Path> runs = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE", description = "the task for estimators-only evaluation")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key of --config, e.g. "
            + "--set train.threads=2 (threads of an estimators-only sweep)")
    List<String> sets = new ArrayList<>();

    @Option(names = "--lengths", split = ",", paramLabel = "N,N,...",
            description = "context lengths (default: 10,20,30,40,60,80,100)")
    int[] lengths = {10, 20, 30, 40, 60, 80, 100};

    @Option(names = "--estimators", split = ",", paramLabel = "E,E,...",
            description = "gd:ETA[:K], lasso:LAMBDA, debiased-gd:ETA, ridge:LAMBDA, bayes, ols, pcr:M, fixed-point:M, "
                    + "softmax-2head:OMEGA:MU, softmax-1head, preconditioned-gd[:ETA], p-then-o:ETA[:K], KIND:tuned[:K] "
                    + "(first parameter tuned on held-out prompts), or softmax-table (the softmax spec's F-A5 set); "
                    + "default: none with runs, softmax-table without")
    List<String> estimators = new ArrayList<>();

    @Option(names = "--prompts", paramLabel = "N", defaultValue = "50000",
            description = "fresh prompts per length (default: ${DEFAULT-VALUE})")
    int prompts;

    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "1000",
            description = "bootstrap resamples for the intervals; 0 = mean +- 1.96 SE (default: ${DEFAULT-VALUE})")
    int bootstrap;

    @Option(names = "--out", paramLabel = "DIR", description = "where eval.csv and figures/ go (default: the first "
            + "RUN, or ./eval without runs)")
    Path out;

    EvalCommand(Function<ExperimentSpec, ExperimentParts> factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            CommandLines.outputDirectory(out);
        }
        List<RunReader> readers = new ArrayList<>();
        for (Path r : runs) {
            readers.add(new RunReader(r, factory));
        }
        ExperimentSpec spec;
        if (!readers.isEmpty()) {
            spec = readers.get(0).spec();
        } else if (config != null) {
            spec = ConfigYaml.load(config, sets);
        } else {
            throw new ConfigException("give run directories, or --config FILE for estimators only");
        }
        List<String> names = new ArrayList<>();
        for (String e : estimators.isEmpty() && readers.isEmpty() ? List.of("softmax-table") : estimators) {
            names.addAll(e.equals("softmax-table") ? EstimatorChoice.SOFTMAX_TABLE : List.of(e));
        }
        RunEvaluation eval = new RunEvaluation(spec, readers, EstimatorChoice.parseAll(names), lengths, prompts,
                bootstrap);
        List<RunEvaluation.Row> rows = eval.evaluate();
        Path dir = out != null ? out : readers.isEmpty() ? Path.of("eval") : runs.get(0);
        Path csv = RunEvaluation.write(rows, dir, "MSE vs context length (trained at n = " + spec.task().n() + ")");
        for (RunEvaluation.Row r : rows) {
            System.out.println(String.format(Locale.ROOT, "%-9s %-40s n=%4d  mse %.4f  [%.4f, %.4f]", r.kind(),
                    r.name(), r.n(), r.mse(), r.ciLow(), r.ciHigh()));
        }
        System.out.println("wrote " + csv + " and " + dir.resolve("figures").resolve("eval.png"));
        return Main.OK;
    }
}
