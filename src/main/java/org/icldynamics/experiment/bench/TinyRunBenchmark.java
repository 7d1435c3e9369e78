package org.icldynamics.experiment.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Many tiny runs in one JVM against one JVM per run (issue 16, item 4), timed in one invocation. Both sides start
 * this build's command line ({@code launcher}, e.g. {@code java ... org.icldynamics.cli.Main}) as child processes, so
 * both pay what a user pays: {@code icl sweep STUDY --jobs J} once for all the runs (one JVM, the sweep's pool of
 * {@code J} runs at a time, a shared warm JIT), and {@code icl run TINY --set seed=i} once per run, {@code J} processes
 * at a time, for a sample of the runs (each pays the same JVM start, class loading and cold JIT, so its rate does not
 * depend on how many are timed). The tiny run: softmax, d = 2, n = 6, 300 Adam steps of 32 prompts, one thread.
 */
public final class TinyRunBenchmark {
    static final String TINY_YAML = """
            task: {d: 2, n: 6}
            train: {steps: 300, batch: 32, lr: 0.01, logEvery: 10, evalEvery: 100, checkpointEvery: 100, snapshots: 3, threads: 1}
            eval: {prompts: 128}
            """;

    private TinyRunBenchmark() {
    }

    /**
     * @param runs runs of the study in one JVM
     * @param runsCompleted how many of them finished ({@code completed} in {@code study.csv})
     * @param seconds wall seconds of the one-JVM study, its JVM start included
     * @param sample runs started one JVM each
     * @param sampleCompleted how many of them wrote {@code summary.json}
     * @param sampleSeconds wall seconds of the sample
     * @param jobs runs (or processes) at once on each side
     * @param dir the directory of both sides' runs and logs
     */
    public record Result(int runs, int runsCompleted, double seconds, int sample, int sampleCompleted,
                         double sampleSeconds, int jobs, Path dir) {
        /** Finished runs per minute in one JVM. */
        public double oneJvmRunsPerMinute() {
            return runsCompleted / (seconds / 60);
        }

        /** Finished runs per minute with one JVM per run. */
        public double jvmPerRunRunsPerMinute() {
            return sampleCompleted / (sampleSeconds / 60);
        }

        /** How many times more runs per minute one JVM finishes. */
        public double ratio() {
            return oneJvmRunsPerMinute() / jvmPerRunRunsPerMinute();
        }
    }

    /**
     * Runs both sides in a new directory {@code tiny-runs-*} under {@code parent}: the study in {@code sweep/}, the
     * sample in {@code loop/I/}, each process's output in {@code *.log}.
     *
     * @param launcher the command that starts this build's CLI (arguments follow it)
     * @throws IOException when a process cannot be started or a file not written
     */
    public static Result run(List<String> launcher, Path parent, int runs, int sample, int jobs) throws IOException {
        if (runs < 1 || sample < 1 || jobs < 1) {
            throw new IllegalArgumentException("tiny runs: runs, sample and jobs must be >= 1");
        }
        Path dir = Files.createTempDirectory(Files.createDirectories(parent), "tiny-runs-");
        Path tiny = dir.resolve("tiny.yaml");
        Files.writeString(tiny, TINY_YAML);
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, TINY_YAML + "sweep:\n  seeds: " + runs + "\n");
        long t0 = System.nanoTime();
        await(start(launcher, List.of("sweep", study.toString(), "--jobs", "" + jobs, "--out",
                dir.resolve("sweep").toString()), dir.resolve("sweep.log")));
        double seconds = (System.nanoTime() - t0) * 1e-9;
        int completed = completedInStudy(dir.resolve("sweep").resolve("study.csv"));
        long t1 = System.nanoTime();
        List<Process> going = new ArrayList<>();
        for (int i = 1; i <= sample; i++) {
            if (going.size() == jobs) {
                await(going.remove(0));
            }
            going.add(start(launcher, List.of("run", tiny.toString(), "--set", "seed=" + i, "--out",
                    dir.resolve("loop").resolve("" + i).toString()), dir.resolve("loop-" + i + ".log")));
        }
        for (Process p : going) {
            await(p);
        }
        double sampleSeconds = (System.nanoTime() - t1) * 1e-9;
        int sampleDone = 0;
        for (int i = 1; i <= sample; i++) {
            sampleDone += Files.isRegularFile(dir.resolve("loop").resolve("" + i).resolve("summary.json")) ? 1 : 0;
        }
        return new Result(runs, completed, seconds, sample, sampleDone, sampleSeconds, jobs, dir);
    }

    private static Process start(List<String> launcher, List<String> args, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void await(Process p) throws IOException {
        try {
            if (!p.waitFor(3600, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            throw new IOException("interrupted while waiting for a tiny run", e);
        }
    }

    /** Rows of {@code study.csv} whose status is {@code completed}; 0 when the file is missing. */
    static int completedInStudy(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            return 0;
        }
        int col = List.of(lines.get(0).split(",")).indexOf("status");
        int n = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            n += col >= 0 && col < f.length && f[col].equals("completed") ? 1 : 0;
        }
        return n;
    }
}
