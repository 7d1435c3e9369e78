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
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.icldynamics.experiment.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentRun;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.RunDirectory;
import org.icldynamics.experiment.RunSummary;
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

    /**
     * @param experiments the directory of preset YAML files
     * @param factory builds a run's parts, normally {@code ExperimentFactory::build}
     * @param cores how many runs (times threads per run) may compute at once
     * @param log receives one line per event (run started, reused, finished)
     */
    public FigureRunner(Path experiments, Function<ExperimentSpec, ExperimentParts> factory, int cores,
                        Consumer<String> log) {
        if (cores < 1) {
            throw new IllegalArgumentException("cores must be >= 1, got " + cores);
        }
        this.experiments = experiments;
        this.factory = factory;
        this.cores = cores;
        this.log = log;
    }

    /** The spec of one request with {@code threads} threads per run. */
    public ExperimentSpec spec(RunRequest r, int threads) {
        Path file = experiments.resolve(r.config());
        List<String> o = new ArrayList<>(r.overrides());
        o.add("train.threads=" + threads);
        return ConfigYaml.load(file, o);
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
        try {
            List<Future<Boolean>> jobs = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                RunRequest r = requests.get(i);
                ExperimentSpec s = specs.get(i);
                Path root = runRoot(out, variant, r);
                jobs.add(pool.submit(() -> ensureRun(preset, r, s, root, threads, stop)));
            }
            for (int i = 0; i < jobs.size(); i++) {
                if (get(jobs.get(i))) {
                    reused++;
                }
                RunRequest r = requests.get(i);
                runs.add(new RunResult(r.id(), specs.get(i), new RunDirectory(runRoot(out, variant, r)), factory));
            }
        } finally {
            pool.shutdownNow();
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

    /** Where the run of {@code r} lives under the output directory {@code out}. */
    public static Path runRoot(Path out, Variant variant, RunRequest r) {
        return out.resolve("runs").resolve(variant.name().toLowerCase(java.util.Locale.ROOT)).resolve(r.id());
    }

    /** Runs (or resumes) one run unless it is finished; true when it was reused. */
    private boolean ensureRun(FigurePreset preset, RunRequest r, ExperimentSpec spec, Path root, int threads,
                              BooleanSupplier stop) throws IOException {
        RunDirectory rd = new RunDirectory(root);
        String cmd = "icl figure " + preset.id() + " (run " + r.id() + ")";
        ExperimentRun run;
        if (Files.exists(rd.config())) {
            ExperimentSpec existing = ConfigYaml.loadRun(rd.config(), List.of("train.threads=" + threads));
            if (!existing.equals(spec)) {
                throw new ConfigException(root + ": holds a run with a different config than " + r.config() + " "
                        + r.overrides() + "; remove it or choose another --out");
            }
            if (Files.exists(rd.summary()) && !"interrupted".equals(
                    new com.fasterxml.jackson.databind.ObjectMapper().readValue(rd.summary().toFile(),
                            RunSummary.class).status())) {
                log.accept("run " + preset.id() + "/" + r.id() + ": reused");
                return true;
            }
            log.accept("run " + preset.id() + "/" + r.id() + ": resuming");
            run = ExperimentRun.resume(root, cmd, factory);
        } else {
            log.accept("run " + preset.id() + "/" + r.id() + ": started");
            run = ExperimentRun.create(root, spec, cmd, factory);
        }
        RunSummary s = run.run(new TrainingListener() { }, stop);
        log.accept(String.format(java.util.Locale.ROOT, "run %s/%s: %s after %d steps, %.1f s", preset.id(), r.id(),
                s.status(), s.steps(), s.wallSeconds()));
        if ("interrupted".equals(s.status())) {
            throw new InterruptedRunException(root);
        }
        return false;
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
