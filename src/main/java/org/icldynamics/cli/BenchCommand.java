package org.icldynamics.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.bench.BenchmarkResult;
import org.icldynamics.experiment.bench.BenchmarkSettings;
import org.icldynamics.experiment.bench.KernelBenchmark;
import org.icldynamics.experiment.bench.ScalingBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code icl bench}: times a full training step against PyTorch eager on the same workload (issue 2). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time one training step (sample, forward, backward, Adam) of the fast kernels next to PyTorch. "
                + "Run with -Xmx512m to check the heap target.")
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--b", defaultValue = "1024", description = "prompts per step (default ${DEFAULT-VALUE})")
    int b;
    @Option(names = "--n", defaultValue = "32", description = "context length (default ${DEFAULT-VALUE})")
    int n;
    @Option(names = "--d", defaultValue = "8", description = "input dimension (default ${DEFAULT-VALUE})")
    int d;
    @Option(names = "--heads", defaultValue = "8", description = "heads (default ${DEFAULT-VALUE})")
    int heads;
    @Option(names = "--warmup", description = "untimed Java steps (default 300; 3000 with --preset-shape, whose "
            + "sub-millisecond steps are still being compiled by the JIT after a few hundred)")
    Integer warmup;
    @Option(names = "--steps", defaultValue = "400", description = "timed Java steps (default ${DEFAULT-VALUE})")
    int steps;
    @Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts (default ${DEFAULT-VALUE})")
    int[] threads;
    @Option(names = "--torch", defaultValue = "run", description = "run or skip the PyTorch comparison (default ${DEFAULT-VALUE})")
    BenchmarkSettings.TorchComparison torch;
    @Option(names = "--torch-script", description = "PyTorch script (default: bench/torch_step.py in the project)")
    Path torchScript;
    @Option(names = "--python", defaultValue = "/usr/bin/python3", description = "Python with torch (default ${DEFAULT-VALUE})")
    String python;
    @Option(names = "--presets", defaultValue = "full", description = "rows of the two slow presets (fig4-rank, "
            + "multitask): full size, small (1/100 of the prompts) or skip (default ${DEFAULT-VALUE})")
    BenchmarkSettings.PresetWorkloads presets;
    @Option(names = "--torch-steps", defaultValue = "30", description = "timed PyTorch steps (default ${DEFAULT-VALUE})")
    int torchSteps;
    @Option(names = "--versus-reference", description = "also time the double rows back to back on the plain "
            + "reference kernel and print fast/reference ratios measured in this one invocation")
    boolean versusReference;
    @Option(names = "--preset-shape", paramLabel = "SHAPE", description = "only the softmax step at a preset's "
            + "shape (he25: b 256, n 40, d 5, heads 2 and 8), fast kernel, reference kernel and PyTorch back to back")
    org.icldynamics.experiment.bench.PresetShapeBenchmark.Shape presetShape;
    @Option(names = "--scaling", description = "only the scaling table: the softmax step at the given sizes and with "
            + "each of b, n, d, h doubled, both precisions, on the largest --threads count, each row next to PyTorch "
            + "unless --torch skip")
    boolean scaling;
    @Option(names = "--peak", description = "only the machine's f64 FMA peak per --threads count, from bench/fma_peak.c "
            + "built with the C compiler cc (the denominator of the transformer row's share of peak)")
    boolean peak;
    @Option(names = "--transformer", description = "only the transformer row (sparse paper's L 3, 4 heads, width 64) "
            + "next to bench/torch_transformer.py, with its GFLOP/s")
    boolean transformer;
    @Option(names = "--rounds", paramLabel = "R", defaultValue = "1", description = "time each W row (and each "
            + "--scaling row) and its PyTorch script R times, alternating, and report the medians and the range of "
            + "the R ratios: on a shared machine one round's ratio says as much about the moment as about the code "
            + "(default ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--tiny-runs", paramLabel = "N", description = "only the many-runs row: N tiny runs through one "
            + "JVM (icl sweep) against one JVM per run for a sample of --tiny-sample runs (6 minutes at 200 on a busy "
            + "2-core machine)")
    int tinyRuns;
    @Option(names = "--tiny-sample", paramLabel = "N", defaultValue = "16", description = "runs started one JVM each "
            + "for --tiny-runs "
            + "(default ${DEFAULT-VALUE})")
    int tinySample;

    /**
     * The untimed steps per row: as given, else 300, or 3000 for a preset's shape (at he25's shape, 150 warm-up steps
     * left the JVM at 1.4-1.9 ms of CPU per step against 0.9-1.0 after 3000, measured in session 9).
     */
    int warmupSteps() {
        if (warmup != null) {
            return warmup;
        }
        return presetShape != null ? 3000 : 300;
    }

    /**
     * Sizes, step counts and thread counts out of range, as a usage error naming the option (before, a thread count
     * of 0 ended in a raw {@code IllegalArgumentException} from the settings).
     */
    void checkOptions() {
        int[][] atLeast = {{b, 1}, {n, 0}, {d, 1}, {heads, 1}, {steps, 1}, {torchSteps, 1},
            {warmup == null ? 0 : warmup, 0}, {rounds, 1}};
        String[] names = {"--b", "--n", "--d", "--heads", "--steps", "--torch-steps", "--warmup", "--rounds"};
        for (int i = 0; i < names.length; i++) {
            if (atLeast[i][0] < atLeast[i][1]) {
                throw new ConfigException(names[i] + " " + atLeast[i][0] + ": must be >= " + atLeast[i][1]);
            }
        }
        for (int t : threads) {
            if (t < 1) {
                throw new ConfigException("--threads " + t + ": every thread count must be >= 1");
            }
        }
        String single = presetShape != null ? "--preset-shape" : peak ? "--peak" : transformer ? "--transformer"
                : tinyRuns != 0 ? "--tiny-runs" : null;
        if (rounds > 1 && single != null) {
            throw new ConfigException("--rounds " + rounds + ": applies to the W rows and to --scaling, not to "
                    + single);
        }
    }

    @Override
    public Integer call() {
        checkOptions();
        Path script = torchScript != null ? torchScript
                : Path.of(System.getProperty("icl.home", "."), "bench", "torch_step.py");
        BenchmarkSettings s = new BenchmarkSettings(b, n, d, heads, warmupSteps(), steps, threads, torch, script,
                python, 5, torchSteps, presets);
        if (presetShape != null) {
            BenchReports.presetShape(presetShape, s);
            return 0;
        }
        if (peak) {
            BenchReports.peak(s);
            return 0;
        }
        if (scaling) {
            printScaling(s, rounds);
            return 0;
        }
        if (tinyRuns != 0) {
            if (tinyRuns < 1 || tinySample < 1) {
                throw new ConfigException("--tiny-runs " + tinyRuns + " --tiny-sample "
                        + tinySample + ": both must be >= 1");
            }
            return BenchReports.tinyRuns(tinyRuns, tinySample, threads);
        }
        if (transformer) {
            BenchReports.transformer(s);
            return 0;
        }
        System.out.printf(Locale.ROOT, "bench: b=%d n=%d d=%d h=%d, merged KQ, query excluded; %d warm-up + %d timed "
                + "steps%s; max heap %d MB%n", b, n, d, heads, warmupSteps(), steps, roundsText(rounds),
                Runtime.getRuntime().maxMemory() >> 20);
        BenchmarkResult r = KernelBenchmark.run(s, rounds);
        boolean torchOk = r.torchStatus().equals("ok");
        System.out.printf(Locale.ROOT, "%-22s %-9s %7s %12s %12s %12s %8s%s%n", "workload", "precision", "threads",
                "ms_per_step", "cpu_ms", "pytorch_ms", "speedup", rangeColumn(rounds, "ratio_range"));
        for (BenchmarkResult.Row row : r.rows()) {
            boolean withTorch = torchOk && !Double.isNaN(row.torchMedianMs());
            System.out.printf(Locale.ROOT, "%-22s %-9s %7d %12.3f %12.3f %12s %8s%s%n", row.workload(),
                    row.precision(), row.threads(), row.medianMs(), row.cpuMs(),
                    withTorch ? String.format(Locale.ROOT, "%.2f", row.torchMedianMs()) : "-",
                    withTorch ? String.format(Locale.ROOT, "%.1fx", row.speedup()) : "-",
                    rangeColumn(rounds, ratioRange(row.rounds(), row.lowestRatio(), row.highestRatio())));
        }
        if (presets != BenchmarkSettings.PresetWorkloads.SKIP) {
            System.out.println("fig4-rank: zhang25-fig4-rank.yaml step (linear, rank-1 key-query, 9 heads, d=8, n=31, "
                    + "reduced, P=80000 fixed prompts, GD); multitask: chen24-multitask.yaml step (softmax, 3 heads, "
                    + "d=50, 3 tasks, n=100, 10000 fresh prompts sampled per step, SGD)"
                    + (presets == BenchmarkSettings.PresetWorkloads.SMALL ? "; SMALL: 1/100 of the prompts" : ""));
        }
        BenchReports.transformerFlops(r.rows());
        if (!torchOk) {
            System.out.println("pytorch: " + r.torchStatus());
        }
        if (versusReference) {
            printVersusReference(KernelBenchmark.versusReference(s));
        }
        System.out.printf(Locale.ROOT, "peak heap in use: %.1f MB of %.0f MB max (heap use just before the fullest "
                + "collection, garbage included)%n", r.peakHeapBytes() / 1048576.0, Runtime.getRuntime().maxMemory() / 1048576.0);
        System.out.println("ms_per_step and pytorch_ms: median wall time of one step (sample, forward, backward, Adam); "
                + "cpu_ms: CPU time of the whole JVM (all threads, GC, JIT) per timed step, which a busy machine does not inflate much; speedup = pytorch_ms / ms_per_step");
        if (rounds > 1) {
            System.out.println(roundsNote("W row"));
        }
        return 0;
    }

    /** What the columns mean with several rounds; {@code rows} names the rows timed in rounds. */
    private static String roundsNote(String rows) {
        return "with --rounds R: each " + rows + " timed R times, each time followed by its PyTorch script; ms, cpu "
                + "and pytorch_ms are the medians of the R rounds, speedup their ratio, ratio_range the lowest and "
                + "highest of the R per-round ratios";
    }

    private static String roundsText(int rounds) {
        return rounds > 1 ? ", " + rounds + " rounds per row, each followed by PyTorch's" : "";
    }

    /** The ratio_range column's cell, shown only with more than one round. */
    private static String rangeColumn(int rounds, String text) {
        return rounds > 1 ? String.format(Locale.ROOT, "%14s", text) : "";
    }

    private static String ratioRange(int rounds, double low, double high) {
        return rounds < 2 || Double.isNaN(low) ? "-" : String.format(Locale.ROOT, "%.1f-%.1fx", low, high);
    }

    private static void printScaling(BenchmarkSettings s, int rounds) {
        int threads = java.util.Arrays.stream(s.threadCounts()).max().orElse(1);
        System.out.printf(Locale.ROOT, "bench --scaling: softmax, merged KQ, query excluded, %d threads; %d warm-up + "
                + "%d timed steps per row%s%n", threads, s.warmup(), s.steps(), roundsText(rounds));
        System.out.printf(Locale.ROOT, "%-5s %6s %4s %4s %4s %-9s %10s %8s %6s %9s %9s %11s %8s%s%n", "size", "b", "n",
                "d", "h", "precision", "ms", "cpu_ms", "work", "ms/base", "cpu/base", "pytorch_ms", "speedup",
                rangeColumn(rounds, "ratio_range"));
        String status = ScalingBenchmark.torchStatus(s);
        java.util.List<ScalingBenchmark.Row> rows = ScalingBenchmark.run(s, threads, status.equals("ok"), rounds);
        for (ScalingBenchmark.Row r : rows) {
            ScalingBenchmark.Row base = rows.get(r.precision().equals(rows.get(0).precision()) ? 0 : 1);
            boolean torch = !Double.isNaN(r.torchMs());
            System.out.printf(Locale.ROOT, "%-5s %6d %4d %4d %4d %-9s %10.3f %8.3f %6.2f %9.2f %9.2f %11s %8s%s%n",
                    r.size(), r.b(), r.n(), r.d(), r.heads(), r.precision(), r.ms(), r.cpuMs(), r.work(),
                    r.ms() / base.ms(), r.cpuMs() / base.cpuMs(),
                    torch ? String.format(Locale.ROOT, "%.2f", r.torchMs()) : "-",
                    torch ? String.format(Locale.ROOT, "%.1fx", r.speedup()) : "-",
                    rangeColumn(rounds, ratioRange(r.rounds(), r.lowestRatio(), r.highestRatio())));
        }
        if (!status.equals("ok")) {
            System.out.println("pytorch: " + status);
        }
        System.out.println("work = b h n (d + 1) relative to the base row; ms/base and cpu/base: this row's wall and "
                + "CPU time per step over the base row's in the same precision; pytorch_ms: bench/torch_step.py at "
                + "the row's sizes, precision and thread count, run right after the row; speedup = pytorch_ms / ms");
        if (rounds > 1) {
            System.out.println(roundsNote("row"));
        }
    }

    private static void printVersusReference(java.util.List<KernelBenchmark.VersusReference> rows) {
        System.out.println("double rows, the factory's kernel and the plain reference kernel timed back to back:");
        System.out.printf(Locale.ROOT, "%-10s %7s %-26s %10s %8s %12s %8s %9s%n", "workload", "threads", "kernel",
                "fast_ms", "fast_cpu", "reference_ms", "ref_cpu", "speedup");
        for (KernelBenchmark.VersusReference v : rows) {
            System.out.printf(Locale.ROOT, "%-10s %7d %-26s %10.3f %8.3f %12.3f %8.3f %8.2fx%n", v.workload(),
                    v.threads(), v.kernel(), v.fastMs(), v.fastCpuMs(), v.referenceMs(), v.referenceCpuMs(),
                    v.speedup());
        }
    }

    public static void main(String[] args) {
        System.exit(CommandLines.kebabEnums(new CommandLine(new BenchCommand())).execute(args));
    }
}
