package org.icldynamics.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.study.SlurmArrayJob;
import org.icldynamics.experiment.study.SlurmSweep;
import org.icldynamics.experiment.study.Study;
import org.icldynamics.experiment.study.StudyManifest;
import org.icldynamics.experiment.study.StudyPoint;
import org.icldynamics.experiment.study.StudyProgress;
import org.icldynamics.experiment.study.StudyRunner;
import org.icldynamics.experiment.study.WallEstimate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code icl sweep STUDY.yaml [--set K=V]... [--out DIR] [--jobs N] [--dry-run]}, {@code icl sweep --status DIR},
 * {@code icl sweep STUDY.yaml --slurm [--partition P] [--time T] [--cpus-per-task C] [--runs-per-task K]}, and the
 * hidden {@code icl sweep --worker DIR --task I --runs-per-task K} that one Slurm array task runs.
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

    @Option(names = "--task", hidden = true, description = "with --worker: the array task (points [task K, (task+1) K))")
    int task = -1;

    @Mixin
    SlurmOptions slurmOptions = new SlurmOptions();

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
        if (!dryRun && !slurmOptions.slurm) { // a finished study answers from its manifest, without resolving the points again
            Path guess = out != null ? out : Path.of("runs", "studies",
                    study.getFileName().toString().replaceFirst("\\.ya?ml$", ""));
            // only an existing directory can hold a finished study (an --out below a file is reported further on)
            StudyManifest done = Files.isDirectory(guess) ? StudyManifest.match(guess, study, sets) : null;
            if (done != null) {
                return reportFinished(done, guess);
            }
        }
        Study s = Study.load(study, sets);
        Path dir = out != null ? out : Path.of("runs", "studies", s.file().name());
        int cores = Runtime.getRuntime().availableProcessors();
        if (dryRun) {
            return dryRun(s, dir, cores);
        }
        CommandLines.outputDirectory(dir);
        s.prepare(dir);
        if (slurmOptions.slurm) {
            SlurmSweep sweep = slurmOptions.array();
            String id = sweep.submit(s, dir, SlurmOptions.launcher());
            System.out.println(id);
            System.err.printf(Locale.ROOT, "icl: submitted job %s: %d array tasks of up to %d runs; 'icl sweep --status %s'"
                    + " shows progress; 'icl sweep %s --out %s' collects (study.csv, figures)%n", id,
                    sweep.tasks(s.points().size()), sweep.runsPerTask(), dir, study, dir);
            return Main.OK;
        }
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
        if (!stopped) {
            StudyManifest.write(dir, s, sets, counts);
        }
        System.out.printf(Locale.ROOT, "%s: %d runs %s%n", dir.resolve("study.csv"), s.points().size(), counts);
        System.out.println(dir.resolve("figures") + "/");
        if (stopped) {
            System.err.println("icl: stopped; run the same command again to resume");
            return 130;
        }
        int ok = counts.getOrDefault("completed", 0);
        return ok == s.points().size() ? Main.OK : Main.FAILED;
    }

    /** What {@link #report} prints for a study that is finished, from its manifest. */
    private static int reportFinished(StudyManifest m, Path dir) {
        int diverged = m.counts().getOrDefault("diverged", 0);
        System.err.println(new StudyProgress(m.name(), m.total(), m.total(), 0, diverged, 0, 0, 1).line());
        System.out.printf(Locale.ROOT, "%s: %d runs %s%n", dir.resolve("study.csv"), m.total(),
                new java.util.TreeMap<>(m.counts()));
        System.out.println(dir.resolve("figures") + "/");
        return m.counts().getOrDefault("completed", 0) == m.total() ? Main.OK : Main.FAILED;
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
        String job = SlurmSweep.lastJob(dir);
        if (job != null) {
            Map<String, Long> states = new java.util.TreeMap<>();
            try {
                SlurmArrayJob.tasks(job).forEach(t -> states.merge(t.state(), 1L, Long::sum));
                System.out.printf(Locale.ROOT, "slurm job %s: %s%n", job, states.isEmpty()
                        ? "no longer known to the controller" : "array tasks " + states);
            } catch (RuntimeException e) {
                System.out.printf(Locale.ROOT, "slurm job %s: %s%n", job, e.getMessage());
            }
        }
        return Main.OK;
    }

    private int worker() throws Exception {
        Study s = Study.ofDirectory(worker);
        if (task < 0) {
            throw new ConfigException("--worker needs --task N");
        }
        int[] range = SlurmSweep.range(task, slurmOptions.runsPerTask, s.points().size());
        int from = range[0];
        int end = range[1];
        int cores = SlurmOptions.workerCores(threads);
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
