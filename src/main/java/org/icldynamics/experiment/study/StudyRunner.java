package org.icldynamics.experiment.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.train.RunStatus;
import org.icldynamics.train.TrainingListener;

/**
 * The local pool: runs a study's points in one JVM, {@code jobs} at a time, each an ordinary run directory
 * {@code STUDY_DIR/runs/ID}. Finished runs are reused, interrupted ones resumed (see {@link PointRun}); a run that
 * fails is recorded and the others go on. With more runs than cores every run is single-threaded; with fewer, the
 * cores are shared among them (results do not depend on the thread count).
 */
public final class StudyRunner {
    private final Function<ExperimentSpec, ExperimentParts> factory;
    private final int jobs;
    private final int cores;
    private final Consumer<StudyProgress> progress;
    private final Consumer<String> log;

    /**
     * @param jobs runs at once
     * @param cores cores to share among the runs going at once
     * @param progress told after every change (a run started or ended)
     * @param log one line per failed run
     */
    public StudyRunner(Function<ExperimentSpec, ExperimentParts> factory, int jobs, int cores,
                       Consumer<StudyProgress> progress, Consumer<String> log) {
        if (jobs < 1 || cores < 1) {
            throw new IllegalArgumentException("jobs and cores must be >= 1, got " + jobs + ", " + cores);
        }
        this.factory = factory;
        this.jobs = jobs;
        this.cores = cores;
        this.progress = progress;
        this.log = log;
    }

    /** The run directory of {@code p} in the study directory {@code dir}. */
    public static Path runRoot(Path dir, StudyPoint p) {
        return dir.resolve("runs").resolve(p.id());
    }

    /**
     * Brings every point to its end (or until {@code stop}); returns the failure message of each run that failed
     * with an error (by run id). Diverged runs are not failures here: their summary records them.
     */
    public Map<String, String> run(String name, Path dir, List<StudyPoint> points, String command,
                                   BooleanSupplier stop) throws IOException {
        List<StudyPoint> pending = new ArrayList<>();
        int done = 0;
        int failed = 0;
        for (StudyPoint p : points) {
            if (PointRun.finished(runRoot(dir, p))) {
                done++;
                failed += PointRun.summary(runRoot(dir, p)).status() == RunStatus.DIVERGED ? 1 : 0;
            } else {
                pending.add(p);
            }
        }
        for (StudyPoint p : pending) { // the parts are built once before anything runs: they check each other
            try {
                factory.apply(p.spec()).close();
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                throw new org.icldynamics.config.ConfigException(name + ": point " + p.index() + " " + p.values()
                        + ": these settings do not fit together: " + e.getMessage());
            }
        }
        int parallel = Math.max(1, Math.min(jobs, pending.size()));
        int threads = Math.max(1, cores / parallel);
        Counter c = new Counter(name, points.size(), done, failed, parallel);
        progress.accept(c.snapshot());
        Map<String, String> failures = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (StudyPoint p : pending) {
                futures.add(pool.submit(() -> {
                    if (!stop.getAsBoolean()) {
                        one(p, dir, threads, command, stop, c, failures);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        return failures;
    }

    private void one(StudyPoint p, Path dir, int threads, String command, BooleanSupplier stop, Counter c,
                     Map<String, String> failures) {
        progress.accept(c.started());
        long t0 = System.nanoTime();
        PointRun.Result r;
        try {
            r = PointRun.ensure(runRoot(dir, p), p.spec(), p.withThreads(threads), command + " (run " + p.id() + ")",
                    factory, new TrainingListener() { }, stop);
        } catch (IOException | RuntimeException e) {
            failures.put(p.id(), String.valueOf(e.getMessage()));
            log.accept("run " + p.id() + " failed: " + e);
            progress.accept(c.ended(true, false, 0));
            return;
        }
        double wall = (System.nanoTime() - t0) * 1e-9;
        boolean finished = r != PointRun.Result.INTERRUPTED && r != PointRun.Result.BUSY;
        progress.accept(c.ended(r == PointRun.Result.DIVERGED, finished, r == PointRun.Result.REUSED ? -1 : wall));
    }

    private static void await(Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a run", e);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause());
        }
    }

    /** Thread-safe counts behind the progress line. */
    private static final class Counter {
        private final String name;
        private final int total;
        private final int parallel;
        private int done;
        private int running;
        private int failed;
        private int trained;
        private double seconds;

        Counter(String name, int total, int done, int failed, int parallel) {
            this.name = name;
            this.total = total;
            this.done = done;
            this.failed = failed;
            this.parallel = parallel;
        }

        synchronized StudyProgress started() {
            running++;
            return snapshot();
        }

        synchronized StudyProgress ended(boolean fail, boolean finished, double wall) {
            running--;
            failed += fail ? 1 : 0;
            done += finished || fail ? 1 : 0;
            if (wall >= 0 && finished) {
                trained++;
                seconds += wall;
            }
            return snapshot();
        }

        synchronized StudyProgress snapshot() {
            return new StudyProgress(name, total, done, running, failed, trained, seconds, parallel);
        }
    }
}
