package org.icldynamics.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.figure.FigureOutcome;
import org.icldynamics.experiment.figure.FigurePreset;
import org.icldynamics.experiment.figure.FigureRunner;
import org.icldynamics.experiment.figure.FigureSlurm;
import org.icldynamics.experiment.figure.GoldenFile;
import org.icldynamics.experiment.figure.Variant;
import org.icldynamics.report.Check;
import org.icldynamics.report.CheckCounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Parameters;

/**
 * {@code icl figure NAME [--quick] [--out DIR]}, {@code icl figure --list}, {@code icl figure NAME --slurm ...} (the
 * runs as a Slurm job array; the same command without {@code --slurm} then draws) and the hidden
 * {@code icl figure --worker LIST --task I} that one array task runs.
 */
@Command(name = "figure", mixinStandardHelpOptions = true,
        description = "Run every run a paper figure needs (in parallel, reusing finished runs), draw it and write "
                + "checks.csv. --list shows every preset with its expected minutes on 2 cores.")
final class FigureCommand implements Callable<Integer> {
    /** Minutes to draw a figure whose runs are already trained. */
    static final double DRAW_MINUTES = 0.2;

    private final Function<ExperimentSpec, ExperimentParts> factory;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "preset name (see --list)")
    String name;

    @Option(names = "--list", description = "list the presets and exit")
    boolean list;

    @Option(names = "--out", paramLabel = "DIR", description = "output directory (default: figures)")
    Path out = Path.of("figures");

    @Mixin
    FigureRunOptions runOptions = new FigureRunOptions();

    @Option(names = "--update-golden", description = "with --quick: rewrite src/test/resources/golden/NAME.csv")
    boolean updateGolden;

    @Mixin
    SlurmOptions slurmOptions = new SlurmOptions();

    @Option(names = "--worker", paramLabel = "LIST", hidden = true, description = "run lines [task K, (task+1) K) "
            + "of LIST (OUT/slurm/runs-HASH.tsv)")
    Path worker;

    @Option(names = "--task", hidden = true, description = "with --worker: the array task")
    int task = -1;

    @Option(names = "--threads", hidden = true, description = "cores of a worker (default: SLURM_CPUS_PER_TASK or 1)")
    int threads;

    @Spec
    CommandSpec spec;

    FigureCommand(Function<ExperimentSpec, ExperimentParts> factory) {
        this.factory = factory;
    }

    static Path home() {
        return Path.of(System.getProperty("icl.home", "."));
    }

    static FigureRunner runner(Function<ExperimentSpec, ExperimentParts> factory, int cores) {
        return new FigureRunner(home().resolve("experiments"), factory, cores,
                line -> System.err.println("icl: " + line));
    }

    @Override
    public Integer call() throws Exception {
        if (list) {
            System.out.print(listing());
            return Main.OK;
        }
        if (worker != null) {
            if (task < 0) {
                throw new ConfigException("--worker needs --task N");
            }
            try (StopSignal signal = new StopSignal()) {
                return FigureSlurm.work(runner(factory, 1), worker, task, slurmOptions.runsPerTask,
                        SlurmOptions.workerCores(threads), signal.requested(), l -> System.err.println("icl: " + l))
                        == 0 ? Main.OK : Main.FAILED;
            }
        }
        if (name == null) {
            throw new ConfigException("a figure NAME is required (icl figure --list shows them)");
        }
        if (updateGolden && !runOptions.quick) {
            throw new ConfigException("--update-golden pins the quick variant: add --quick");
        }
        FigurePreset preset;
        try {
            preset = FigurePreset.named(name);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        Variant v = runOptions.variant();
        CommandLines.outputDirectory(out);
        if (slurmOptions.slurm) {
            if (updateGolden) {
                throw new ConfigException("--update-golden draws: run it without --slurm once the job is done");
            }
            return slurmOptions.submitFigures(List.of(preset), v, out, spec);
        }
        FigureOutcome o;
        try (StopSignal signal = new StopSignal()) {
            o = runner(factory, runOptions.cores).run(preset, v, out, signal.requested());
        }
        if (updateGolden) {
            Path golden = home().resolve("src/test/resources/golden").resolve(preset.id() + ".csv");
            GoldenFile.write(golden, o.result());
            System.err.println("icl: wrote " + golden);
        }
        for (Check c : o.result().checks()) {
            System.out.printf(Locale.ROOT, "%-5s %s: measured %.6g, %s%s%n",
                    c.verdict().name().toLowerCase(Locale.ROOT), c.claim(), c.measured(), c.relation(),
                    c.verdict() == Check.Verdict.EXPLAINED ? " (explained: see " + c.table() + ")" : "");
        }
        System.out.printf(Locale.ROOT, "%s: %s (%d checks: %s; %.1f s, %d runs reused)%n", preset.id(),
                o.directory().resolve(preset.id() + ".png"), o.result().checks().size(),
                CheckCounts.of(o.result().checks()), o.seconds(), o.reusedRuns());
        return o.result().checks().stream().allMatch(c -> c.verdict() != Check.Verdict.FAIL) ? Main.OK
                : Main.FAILED;
    }

    static String listing() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-32s %-40s %8s %8s  %s%n", "NAME", "PAPER",
                "MIN(2c)", "QUICK", "SHOWS"));
        double total = 0;
        java.util.Set<String> trained = new java.util.HashSet<>();
        for (FigurePreset p : FigurePreset.all()) {
            List<String> ids = p.runs(Variant.FULL).stream().map(r -> r.id()).toList();
            // a figure whose runs an earlier figure trained only draws (reproduce shares runs)
            total += !ids.isEmpty() && trained.containsAll(ids) ? DRAW_MINUTES : p.expectedMinutes(Variant.FULL);
            trained.addAll(ids);
            sb.append(String.format(Locale.ROOT, "%-32s %-40s %8.1f %8.2f  %s%n", p.id(), p.paper().citation(),
                    p.expectedMinutes(Variant.FULL), p.expectedMinutes(Variant.QUICK), p.shows()));
        }
        sb.append(String.format(Locale.ROOT, "total: %.1f minutes on 2 cores for icl reproduce --all (figures share runs)%n", total));
        return sb.toString();
    }

}
