package org.icldynamics.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.icldynamics.experiment.ConfigException;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.study.Study;
import org.icldynamics.experiment.study.StudyPoint;
import org.icldynamics.experiment.study.StudyProgress;
import org.icldynamics.experiment.study.StudyRunner;
import org.icldynamics.experiment.study.WallEstimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code icl sweep STUDY.yaml [--set K=V]... [--out DIR] [--jobs N] [--dry-run]}, {@code icl sweep --status DIR},
 * and the hidden {@code icl sweep --worker DIR --from I --to J} that one Slurm array task runs.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run a study (a config with a sweep: section) in a pool in one JVM: every point resolved and "
                + "checked first; finished runs reused, interrupted ones resumed; then study.csv and figures/.")
final class SweepCommand implements Callable<Integer> {
    private final Function<ExperimentSpec, ExperimentParts> factory;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "STUDY", description = "the study file (YAML with a sweep: section)")
    Path study;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one key in every point")
    List<String> sets = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "study directory (default: runs/studies/NAME)")
    Path out;

    @Option(names = "--jobs", paramLabel = "N", description = "runs at once (default: one per core)")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = "--dry-run", description = "list the points and the estimated wall time; run nothing")
    boolean dryRun;

    @Option(names = "--status", paramLabel = "DIR", description = "show the progress of the study in DIR")
    Path status;

    @Option(names = "--worker", paramLabel = "DIR", hidden = true, description = "run points [--from, --to) of DIR")
    Path worker;

    @Option(names = "--from", hidden = true)
    int from;

    @Option(names = "--to", hidden = true)
    int to = -1;

    @Option(names = "--threads", hidden = true, description = "cores of a worker (default: SLURM_CPUS_PER_TASK or 1)")
    int threads;

    SweepCommand(Function<ExperimentSpec, ExperimentParts> factory) {
        this.factory = factory;
    }

    @Override
    public Integer call() throws Exception {
        if (status != null) {
            return status(status);
        }
        if (worker != null) {
            return worker();
        }
        if (study == null) {
            throw new ConfigException("a STUDY file is required (or --status DIR)");
        }
        if (jobs < 1) {
            throw new ConfigException("--jobs " + jobs + ": must be >= 1");
        }
        Study s = Study.load(study, sets);
        Path dir = out != null ? out : Path.of("runs", "studies", s.file().name());
        int cores = Runtime.getRuntime().availableProcessors();
        if (dryRun) {
            return dryRun(s, dir, cores);
        }
        s.prepare(dir);
        SweepProgressLine line = new SweepProgressLine();
        Map<String, String> failures;
        boolean stopped;
        try (StopSignal signal = new StopSignal()) {
            failures = new StudyRunner(factory, jobs, cores, line, m -> System.err.println("icl: " + m))
                    .run(s.file().name(), dir, s.points(), CommandLines.original(spec), signal.requested());
            stopped = signal.requested().getAsBoolean();
            line.finish();
            s.collect(dir, failures);
        }
        return report(s, dir, failures, stopped);
    }

    private int report(Study s, Path dir, Map<String, String> failures, boolean stopped) throws Exception {
        Map<String, Integer> counts = s.counts(dir, failures);
        System.out.printf(Locale.ROOT, "%s: %d runs %s%n", dir.resolve("study.csv"), s.points().size(), counts);
        System.out.println(dir.resolve("figures") + "/");
        if (stopped) {
            System.err.println("icl: stopped; run the same command again to resume");
            return 130;
        }
        int ok = counts.getOrDefault("completed", 0);
        return ok == s.points().size() ? Main.OK : Main.FAILED;
    }

    private int dryRun(Study s, Path dir, int cores) throws Exception {
        List<String> keys = s.keys();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-5s %-12s", "#", "run"));
        keys.forEach(k -> b.append(String.format(Locale.ROOT, " %-14s", k)));
        b.append(String.format(Locale.ROOT, " %12s %9s%n", "seed", "steps"));
        for (StudyPoint p : s.points()) {
            b.append(String.format(Locale.ROOT, "%-5d %-12s", p.index(), p.id()));
            p.values().forEach(v -> b.append(String.format(Locale.ROOT, " %-14s", v)));
            b.append(String.format(Locale.ROOT, " %12d %9d%n", p.seed(), p.spec().train().steps()));
        }
        int parallel = Math.max(1, Math.min(jobs, s.points().size()));
        double secs = WallEstimate.seconds(dir, s.points(), parallel, Math.max(1, cores / parallel), factory);
        b.append(String.format(Locale.ROOT, "%d runs, %d at once; estimated wall time %s (into %s)%n",
                s.points().size(), parallel, Double.isNaN(secs) ? "unknown" : StudyProgress.duration(secs), dir));
        System.out.print(b);
        return Main.OK;
    }

    private int status(Path dir) throws Exception {
        Study s = Study.ofDirectory(dir);
        Map<String, Integer> counts = s.counts(dir, Map.of());
        int done = counts.getOrDefault("completed", 0) + counts.getOrDefault("diverged", 0);
        System.out.printf(Locale.ROOT, "%s: %d/%d done %s%n", s.file().name(), done, s.points().size(), counts);
        return Main.OK;
    }

    private int worker() throws Exception {
        Study s = Study.ofDirectory(worker);
        int end = to < 0 ? s.points().size() : Math.min(to, s.points().size());
        if (from < 0 || from > end) {
            throw new ConfigException("--from " + from + " --to " + to + ": not a range of the " + s.points().size()
                    + " points");
        }
        int cores = threads > 0 ? threads : Integer.parseInt(System.getenv().getOrDefault("SLURM_CPUS_PER_TASK", "1"));
        List<StudyPoint> mine = s.points().subList(from, end);
        Map<String, String> failures;
        try (StopSignal signal = new StopSignal()) {
            failures = new StudyRunner(factory, 1, cores, p -> { }, m -> System.err.println("icl: " + m))
                    .run(s.file().name(), worker, mine, CommandLines.original(spec), signal.requested());
        }
        System.err.println("icl: worker " + from + ".." + end + ": " + (mine.size() - failures.size()) + " of "
                + mine.size() + " runs without error");
        return failures.isEmpty() ? Main.OK : Main.FAILED;
    }
}
