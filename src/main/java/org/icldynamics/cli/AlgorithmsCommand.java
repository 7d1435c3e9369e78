package org.icldynamics.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.icldynamics.estimator.PreprocessThenOptimizeEstimator;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.inspect.SparseAlgorithmComparison;
import org.icldynamics.experiment.TaskSection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code icl algorithms}: P-then-O vs tuned GD, tuned ridge, Lasso and oracle least squares on sparse tasks. */
@Command(name = "algorithms", mixinStandardHelpOptions = true,
        description = "Compare preprocess-then-optimize with best-tuned GD, best-tuned ridge, Lasso and oracle least "
                + "squares on the config's sparse task (d, sparsity, tau2, seed) over context lengths and noise levels.")
final class AlgorithmsCommand implements Callable<Integer> {
    @Parameters(arity = "0..1", paramLabel = "CONFIG", description = "YAML file with task.kind: sparse")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one config key")
    List<String> sets = new ArrayList<>();

    @Option(names = "--n", split = ",", defaultValue = "5,10,20,30,40", description = "context lengths (default ${DEFAULT-VALUE})")
    int[] n;

    @Option(names = "--noise", split = ",", defaultValue = "0.01,0.1,0.5", description = "noise variances (default ${DEFAULT-VALUE})")
    double[] noise;

    @Option(names = "--tune-prompts", defaultValue = "1000", description = "prompts for tuning (default ${DEFAULT-VALUE})")
    int tune;

    @Option(names = "--test-prompts", defaultValue = "4000", description = "prompts for scoring (default ${DEFAULT-VALUE})")
    int test;

    @Option(names = "--preprocess", defaultValue = "abs", description = "P-then-O's g: identity, abs or square (default ${DEFAULT-VALUE})")
    PreprocessThenOptimizeEstimator.Preprocess preprocess;

    @Option(names = "--max-steps", defaultValue = "128", description = "GD and P-then-O step counts 1, 2, 4, ... up to this (default ${DEFAULT-VALUE})")
    int maxSteps;

    @Option(names = "--out", defaultValue = "runs/algorithms", description = "output directory (default ${DEFAULT-VALUE})")
    Path out;

    @Override
    public Integer call() throws Exception {
        ExperimentSpec spec = config == null ? ConfigYaml.defaults(sets) : ConfigYaml.load(config, sets);
        TaskSection t = spec.task();
        if (t.kind() != TaskSection.Kind.SPARSE) {
            throw new ConfigException((config == null ? "the embedded defaults" : config.toString()) + ": task.kind = "
                    + t.kind().name().toLowerCase(java.util.Locale.ROOT) + ": icl algorithms needs task.kind: sparse "
                    + "(e.g. experiments/chenzhaozou24-sparse-algorithms.yaml)");
        }
        checkOptions();
        CommandLines.outputDirectory(out);
        var rows = SparseAlgorithmComparison.run(new SparseAlgorithmComparison.Settings(t.d(), t.sparsity(), t.tau2(),
                n, noise, tune, test, spec.seed(), preprocess, maxSteps));
        SparseAlgorithmComparison.write(out, rows);
        System.out.printf("sparse regression d=%d s=%d tau2=%g; excess risk +- standard error over %d test prompts%n",
                t.d(), t.sparsity(), t.tau2(), test);
        System.out.print(SparseAlgorithmComparison.table(rows));
        System.out.println("wrote " + out);
        return Main.OK;
    }

    /** Context lengths, noise levels and prompt and step counts out of range, as usage errors naming the option. */
    private void checkOptions() {
        for (int v : n) {
            if (v < 1) {
                throw new ConfigException("--n " + v + ": every context length must be >= 1");
            }
        }
        for (double v : noise) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new ConfigException("--noise " + v + ": every noise variance must be finite and >= 0");
            }
        }
        if (tune < 2 || test < 2 || maxSteps < 1) {
            throw new ConfigException("--tune-prompts " + tune + " --test-prompts " + test + " --max-steps " + maxSteps
                    + ": need at least 2 prompts each and at least 1 step");
        }
    }
}
