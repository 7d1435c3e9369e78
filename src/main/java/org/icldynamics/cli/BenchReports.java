package org.icldynamics.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.icldynamics.experiment.bench.BenchmarkResult;
import org.icldynamics.experiment.bench.BenchmarkSettings;
import org.icldynamics.experiment.bench.FmaPeak;
import org.icldynamics.experiment.bench.PresetShapeBenchmark;
import org.icldynamics.experiment.bench.TinyRunBenchmark;
import org.icldynamics.experiment.bench.TransformerBenchmark;

/** The {@code icl bench} reports that are not the kernel table: the transformer row alone and the many-runs row. */
final class BenchReports {
    private static final double PEAK_SECONDS = 1.0;
    private static final String PEAK_NOTE = "peak: the machine's f64 FMA peak on that many threads, measured now by "
            + "bench/fma_peak.c (FLOPs per CPU-second of each thread, so other jobs do not lower it); share = GFLOP/s "
            + "/ peak";

    private BenchReports() {
    }

    /** {@code icl bench --transformer}: the transformer row per thread count next to PyTorch, with GFLOP/s. */
    static void transformer(BenchmarkSettings s) {
        System.out.printf(Locale.ROOT, "bench --transformer: %s, load average %s%n", TransformerBenchmark.WORKLOAD_TEXT,
                load());
        BenchmarkResult r = TransformerBenchmark.run(s);
        boolean torch = r.torchStatus().equals("ok");
        System.out.printf(Locale.ROOT, "%-22s %7s %12s %10s %12s %8s %9s %10s %7s%n", "workload", "threads",
                "ms_per_step", "cpu_ms", "pytorch_ms", "speedup", "GFLOP/s", "peak", "share");
        List<FmaPeak.Result> peaks = FmaPeak.measure(benchDir(s), PEAK_SECONDS,
                r.rows().stream().mapToInt(BenchmarkResult.Row::threads).toArray());
        String peakStatus = peaks.isEmpty() ? "ok" : peaks.get(0).status();
        for (int i = 0; i < r.rows().size(); i++) {
            BenchmarkResult.Row row = r.rows().get(i);
            double gflops = TransformerBenchmark.flopsPerStep() / row.medianMs() / 1e6;
            FmaPeak.Result peak = peaks.get(i);
            System.out.printf(Locale.ROOT, "%-22s %7d %12.1f %10.1f %12s %8s %9.2f %10s %7s%n", row.workload(),
                    row.threads(), row.medianMs(), row.cpuMs(),
                    torch ? String.format(Locale.ROOT, "%.1f", row.torchMedianMs()) : "-",
                    torch ? String.format(Locale.ROOT, "%.2fx", row.speedup()) : "-", gflops,
                    peak.known() ? String.format(Locale.ROOT, "%.1f", peak.gflops()) : "-",
                    peak.known() ? String.format(Locale.ROOT, "%.0f%%", 100 * peak.share(gflops)) : "-");
        }
        if (!torch) {
            System.out.println("pytorch: " + r.torchStatus());
        }
        flopNote();
        System.out.println(peakStatus.equals("ok") ? PEAK_NOTE : "peak: " + peakStatus);
        System.out.printf(Locale.ROOT, "load average after: %s; peak heap in use %.1f MB%n", load(),
                r.peakHeapBytes() / 1048576.0);
    }

    /** {@code icl bench --peak}: the machine's f64 FMA peak per thread count ({@code bench/fma_peak.c}). */
    static void peak(BenchmarkSettings s) {
        System.out.printf(Locale.ROOT, "bench --peak: f64 FMA peak of %s (12 independent FMA chains per thread, FLOPs "
                + "per CPU-second of each thread, summed), load average %s%n", FmaPeak.SOURCE, load());
        System.out.printf(Locale.ROOT, "%7s %10s%n", "threads", "GFLOP/s");
        for (FmaPeak.Result peak : FmaPeak.measure(benchDir(s), 2 * PEAK_SECONDS, s.threadCounts())) {
            if (!peak.known()) {
                throw new org.icldynamics.config.ConfigException("bench --peak: " + peak.status());
            }
            System.out.printf(Locale.ROOT, "%7d %10.2f%n", peak.threads(), peak.gflops());
        }
    }

    private static Path benchDir(BenchmarkSettings s) {
        Path parent = s.torchScript().toAbsolutePath().getParent();
        return parent != null ? parent : Path.of(".");
    }

    /** The GFLOP/s of the transformer rows of the full table, and how the FLOPs are counted. */
    static void transformerFlops(List<BenchmarkResult.Row> rows) {
        for (BenchmarkResult.Row row : rows) {
            if (row.workload().equals(TransformerBenchmark.WORKLOAD)) {
                System.out.printf(Locale.ROOT, "%s, %d threads: %.2f GFLOP/s%n", row.workload(), row.threads(),
                        TransformerBenchmark.flopsPerStep() / row.medianMs() / 1e6);
            }
        }
        if (rows.stream().anyMatch(r -> r.workload().equals(TransformerBenchmark.WORKLOAD))) {
            flopNote();
        }
    }

    private static void flopNote() {
        System.out.printf(Locale.ROOT, "GFLOP/s = %.3f GFLOP per step / ms_per_step: the matrix products of forward "
                + "(read-in, q/k/v on all rows, scores and values against the n context keys, output projection, "
                + "MLP; the last layer's past q/k/v on the query rows only) and backward (2x forward, the read-in 1x); "
                + "LayerNorm, softmax, GELU and Adam not counted%n", TransformerBenchmark.flopsPerStep() / 1e9);
    }

    /** {@code icl bench --tiny-runs N}: runs per minute of N tiny runs in one JVM against one JVM per run. */
    static int tinyRuns(int runs, int sample, int[] threads) {
        int jobs = Arrays.stream(threads).max().orElse(1);
        Path parent = Path.of(System.getProperty("java.io.tmpdir"), "icl-bench");
        System.out.printf(Locale.ROOT, "bench --tiny-runs: %d tiny runs (softmax, d 2, n 6, 300 Adam steps of 32 "
                + "prompts) through one 'icl sweep --jobs %d' against 'icl run' started once per run, %d at a time, "
                + "for %d runs; load average %s%n", runs, jobs, jobs, sample, load());
        TinyRunBenchmark.Result r;
        try {
            r = TinyRunBenchmark.run(SlurmOptions.launcher(), parent, runs, sample, jobs);
        } catch (IOException e) {
            System.err.println("icl: bench --tiny-runs: " + e.getMessage());
            return Main.FAILED;
        }
        System.out.printf(Locale.ROOT, "%-18s %6s %9s %10s %9s%n", "side", "runs", "finished", "wall_s", "runs/min");
        System.out.printf(Locale.ROOT, "%-18s %6d %9d %10.1f %9.1f%n", "one JVM (sweep)", r.runs(), r.runsCompleted(),
                r.seconds(), r.oneJvmRunsPerMinute());
        System.out.printf(Locale.ROOT, "%-18s %6d %9d %10.1f %9.1f%n", "one JVM per run", r.sample(),
                r.sampleCompleted(), r.sampleSeconds(), r.jvmPerRunRunsPerMinute());
        System.out.printf(Locale.ROOT, "ratio: %.1fx the runs per minute in one JVM (the JVM-per-run side timed on a "
                + "sample of %d runs; every such run pays the same start, so its rate does not grow with more); "
                + "runs and logs in %s; load average after: %s%n", r.ratio(), r.sample(), r.dir(), load());
        return r.runsCompleted() == r.runs() && r.sampleCompleted() == r.sample() ? Main.OK : Main.FAILED;
    }

    static void presetShape(PresetShapeBenchmark.Shape shape, BenchmarkSettings s) {
        System.out.printf(Locale.ROOT, "bench --preset-shape %s: %s; %d warm-up + %d timed steps; load average "
                + "before: %s%n", shape.name().toLowerCase(Locale.ROOT), shape.describe(), s.warmup(), s.steps(), load());
        System.out.printf(Locale.ROOT, "%5s %7s %-26s %9s %9s %8s %12s %8s %9s %10s %9s%n", "heads", "threads",
                "kernel", "fast_ms", "steps/s", "fast_cpu", "reference_ms", "ref_cpu", "vs_ref", "pytorch_ms",
                "vs_torch");
        for (PresetShapeBenchmark.Row r : PresetShapeBenchmark.run(shape, s)) {
            System.out.printf(Locale.ROOT, "%5d %7d %-26s %9.3f %9.0f %8.3f %12.3f %8.3f %8.2fx %10s %9s%n",
                    r.heads(), r.threads(), r.kernel(), r.fastMs(), 1000 / r.fastMs(), r.fastCpuMs(), r.referenceMs(),
                    r.referenceCpuMs(), r.referenceMs() / r.fastMs(),
                    Double.isNaN(r.torchMs()) ? "-" : String.format(Locale.ROOT, "%.2f", r.torchMs()),
                    Double.isNaN(r.torchMs()) ? "-" : String.format(Locale.ROOT, "%.1fx", r.torchMs() / r.fastMs()));
        }
        System.out.printf(Locale.ROOT, "load average after: %s; *_ms: median wall ms of one step (sample, forward, "
                + "backward, Adam), *_cpu: JVM CPU ms per step; vs_ref and vs_torch: wall-time ratios of this "
                + "invocation%n", load());
    }

    private static String load() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f (%d cores)", l,
                Runtime.getRuntime().availableProcessors());
    }
}
