package org.icldynamics.experiment.figure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.run.RunDirectory;
import org.icldynamics.experiment.run.RunSummary;
import org.icldynamics.experiment.study.PointRun;
import org.icldynamics.experiment.study.StudyFile;
import org.icldynamics.report.ChecksCsv;
import org.icldynamics.report.FigureFiles;
import org.icldynamics.train.TrainingListener;

/**
 * Runs every run a figure needs, several at once on the available cores (each run is deterministic, so the
 * results do not depend on how many run together), reuses runs already finished in the output directory, then
 * draws the figure and writes {@code NAME.png}, {@code NAME.svg}, {@code checks.csv} and {@code key-numbers.csv}.
 * Runs are shared between figures: a run id names one config (e.g. {@code he25-heads-2} serves the loss, circuit
 * and pattern figures), so {@code icl reproduce --all} trains it once; a run directory holding a different config
 * than the one requested is an error, never overwritten.
 * <pre>
 * OUT/NAME/NAME.png, NAME.svg, checks.csv, key-numbers.csv
 * OUT/runs/full/RUN-ID/, OUT/runs/quick/RUN-ID/   one run directory per run (config.yaml, metrics.csv, ...)
 * </pre>
 */
public final class FigureRunner {
    private final Path experiments;
    private final Function<ExperimentSpec, ExperimentParts> factory;
    private final int cores;
    private final Consumer<String> log;
    private final List<String> perturbation;

    /**
     * @param experiments the directory of preset YAML files
     * @param factory builds a run's parts, normally {@code ExperimentFactory::build}
     * @param cores how many runs (times threads per run) may compute at once
     * @param log receives one line per event (run started, reused, finished)
     */
    public FigureRunner(Path experiments, Function<ExperimentSpec, ExperimentParts> factory, int cores,
                        Consumer<String> log) {
        this(experiments, factory, cores, log, List.of());
    }

    private FigureRunner(Path experiments, Function<ExperimentSpec, ExperimentParts> factory, int cores,
                         Consumer<String> log, List<String> perturbation) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, got " + cores);
        }
        this.experiments = experiments;
        this.factory = factory;
        this.cores = cores;
        this.log = log;
        this.perturbation = List.copyOf(perturbation);
    }

    /**
     * This runner with {@code overrides} ({@code key=value}) applied to every run after the preset's own: a perturbed
     * preset, to see that its checks can fail.
     */
    public FigureRunner perturbed(List<String> overrides) {
        return new FigureRunner(experiments, factory, cores, log, overrides);
    }

    /** The spec of one request with {@code threads} threads per run. */
    public ExperimentSpec spec(RunRequest r, int threads) {
        Path file = experiments.resolve(r.config());
        List<String> o = new ArrayList<>(r.overrides());
        o.addAll(perturbation);
        o.add("train.threads=" + threads);
        return PresetStudy.isStudy(r.config()) ? StudyFile.read(file).config(o) : ConfigYaml.load(file, o);
    }

    /** Runs the figure into {@code out/NAME} and draws it; stops early (runs checkpoint) when {@code stop} says. */
    public FigureOutcome run(FigurePreset preset, Variant variant, Path out, BooleanSupplier stop)
            throws IOException {
        long t0 = System.nanoTime();
        Path dir = out.resolve(preset.id());
        List<RunRequest> requests = preset.runs(variant);
        int parallel = Math.max(1, Math.min(cores, requests.size()));
        int threads = Math.max(1, cores / parallel);
        List<ExperimentSpec> specs = new ArrayList<>();
        for (RunRequest r : requests) {
            specs.add(spec(r, threads));
        }
        FigureRuns runs = new FigureRuns();
        int reused = 0;
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        // when one run fails the others stop at their next checkpoint, and this method returns only after every run
        // has let go of its directory (a caller may delete or reuse the output directory at once)
        AtomicBoolean failed = new AtomicBoolean();
        BooleanSupplier stopAll = () -> failed.get() || stop.getAsBoolean();
        boolean done = false;
        try {
            List<Future<Boolean>> jobs = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                RunRequest r = requests.get(i);
                ExperimentSpec s = specs.get(i);
                Path root = runRoot(out, variant, r);
                jobs.add(pool.submit(() -> !failed.get() && ensureRun(preset, r, s, root, threads, stopAll)));
            }
            for (int i = 0; i < jobs.size(); i++) {
                if (get(jobs.get(i))) {
                    reused++;
                }
                RunRequest r = requests.get(i);
                runs.add(RunResult.read(r.id(), specs.get(i), new RunDirectory(runRoot(out, variant, r)), factory));
            }
            done = true;
        } finally {
            if (!done) {
                failed.set(true);
            }
            pool.shutdown();
            awaitQuietly(pool);
        }
        FigureResult result = preset.draw(runs, variant);
        FigureFiles.write(dir.resolve(preset.id()), result.figure());
        ChecksCsv.write(dir.resolve("checks.csv"), result.checks());
        GoldenFile.write(dir.resolve("key-numbers.csv"), result);
        double seconds = (System.nanoTime() - t0) * 1e-9;
        log.accept(String.format(java.util.Locale.ROOT, "figure %s: %d checks, %d pass, %.1f s", preset.id(),
                result.checks().size(), result.checks().stream().filter(c -> c.passed()).count(), seconds));
        return new FigureOutcome(preset, variant, result, dir, seconds, reused);
    }

    /**
     * Brings the run of {@code r} under {@code out} to its end on {@code threads} threads, as {@link #run} does for
     * each of its runs (same directory, config, reuse, resume and lock; a Slurm array task of {@code icl figure
     * --slurm}); true when it was reused.
     */
    public boolean ensure(FigurePreset preset, Variant variant, Path out, RunRequest r, int threads,
                          BooleanSupplier stop) throws IOException {
        return ensureRun(preset, r, spec(r, threads), runRoot(out, variant, r), threads, stop);
    }

    /** Where the run of {@code r} lives under the output directory {@code out}. */
    public static Path runRoot(Path out, Variant variant, RunRequest r) {
        return out.resolve("runs").resolve(variant.name().toLowerCase(java.util.Locale.ROOT)).resolve(r.id());
    }

    /**
     * Runs (or resumes) one run unless it is finished, through the study engine's {@link PointRun} (the same reuse,
     * resume and per-run lock as {@code icl sweep}); true when it was reused.
     */
    private boolean ensureRun(FigurePreset preset, RunRequest r, ExperimentSpec spec, Path root, int threads,
                              BooleanSupplier stop) throws IOException {
        String cmd = "icl figure " + preset.id() + " (run " + r.id() + ")";
        String name = "run " + preset.id() + "/" + r.id();
        boolean finished = PointRun.finished(root);
        String why = finished ? null : PointRun.resumeReason(root);
        log.accept(name + ": " + (finished ? "reused" : Files.exists(new RunDirectory(root).config()) ? "resuming"
                + (why == null ? "" : " (" + why + ")") : "started"));
        PointRun.Result result;
        try {
            result = PointRun.ensure(root, spec, spec, cmd, factory, new TrainingListener() { }, stop);
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage().replace("a different config", "a different config than "
                    + r.config() + " " + r.overrides()));
        }
        if (result == PointRun.Result.REUSED) {
            return true;
        }
        if (result == PointRun.Result.BUSY) {
            throw new ConfigException(root + ": another process is training this run; wait for it or choose "
                    + "another --out");
        }
        RunSummary s = PointRun.summary(root);
        log.accept(String.format(java.util.Locale.ROOT, "%s: %s after %d steps, %.1f s", name, s.status().word(), s.steps(),
                s.wallSeconds()));
        if (result == PointRun.Result.INTERRUPTED) {
            throw new InterruptedRunException(root);
        }
        return false;
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // a run between checkpoints; it sees the stop flag at its next one
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T get(Future<T> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a run", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(c);
        }
    }

    /** A run stopped before its end (Ctrl-C); the figure resumes it next time. */
    public static final class InterruptedRunException extends RuntimeException {
        InterruptedRunException(Path root) {
            super(root + ": interrupted; run the same command again to resume");
        }
    }
}
