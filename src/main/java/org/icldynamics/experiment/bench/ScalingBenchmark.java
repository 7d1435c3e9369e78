package org.icldynamics.experiment.bench;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.model.OneLayerAttention.Precision;
import org.icldynamics.model.OneLayerAttention.Scores;

/**
 * How the cost of a training step grows with the workload: the softmax step of {@link KernelBenchmark} at the given
 * sizes and with each of b, n, d and h doubled in turn, in both precisions. The attention work of a step is
 * proportional to {@code b h n D} with {@code D = d + 1} (scores, token sums and their gradients), the sampling to
 * {@code b n d}; a doubling that costs much less than 2x shows a fixed cost or lanes left empty, much more shows a
 * cache or layout limit.
 */
public final class ScalingBenchmark {
    private ScalingBenchmark() {
    }

    /**
     * @param size "base", "2b", "2n", "2d" or "2h"
     * @param ms median wall milliseconds per step; {@code cpuMs} process CPU milliseconds per step
     * @param work {@code b h n (d + 1)} of this row divided by that of the base row
     * @param torchMs median wall milliseconds of the PyTorch script's step at this row's sizes, precision and thread
     *     count, timed right after the row; NaN when the comparison is skipped or unavailable ({@link #torchStatus})
     * @param rounds how many times the row and its PyTorch script were timed, alternating; the times are the medians
     *     of the rounds ({@link SideBySide})
     * @param lowestRatio the lowest per-round ratio PyTorch / ours, NaN without PyTorch; {@code highestRatio} the
     *     highest
     */
    public record Row(String size, int b, int n, int d, int heads, String precision, double ms, double cpuMs,
                      double work, double torchMs, int rounds, double lowestRatio, double highestRatio) {
        /** PyTorch's time over this row's, NaN without PyTorch. */
        public double speedup() {
            return torchMs / ms;
        }
    }

    /**
     * Rows in the order base, 2b, 2n, 2d, 2h; per size double then float; all at {@code threads} threads, each
     * followed by the PyTorch script at the same sizes when the settings run it and {@link #torchStatus} is "ok".
     */
    public static List<Row> run(BenchmarkSettings s, int threads) {
        return run(s, threads, torchStatus(s).equals("ok"), 1);
    }

    /**
     * As {@link #run(BenchmarkSettings, int)} with the PyTorch comparison already decided ({@link #torchStatus}) and
     * each row timed in {@code rounds} rounds.
     */
    public static List<Row> run(BenchmarkSettings s, int threads, boolean torch, int rounds) {
        List<Row> rows = new ArrayList<>();
        String[] sizes = {"base", "2b", "2n", "2d", "2h"};
        double baseWork = work(s);
        for (String size : sizes) {
            BenchmarkSettings t = scaled(s, size);
            for (Precision precision : Precision.values()) {
                SideBySide r = SideBySide.time(rounds,
                        () -> KernelBenchmark.timeJava(t, Scores.SOFTMAX, precision, threads, false),
                        () -> KernelBenchmark.timeTorch(t, Scores.SOFTMAX, precision, threads), torch);
                rows.add(new Row(size, t.b(), t.n(), t.d(), t.heads(), precision.name().toLowerCase(), r.ms(),
                        r.cpuMs(), work(t) / baseWork, r.torchMedianMs(), r.rounds(), r.lowestRatio(),
                        r.highestRatio()));
            }
        }
        return rows;
    }

    /** "ok" when the PyTorch comparison runs, "skipped" when the settings skip it, else why it cannot run. */
    public static String torchStatus(BenchmarkSettings s) {
        return s.torch() == BenchmarkSettings.TorchComparison.SKIP ? "skipped" : KernelBenchmark.torchAvailable(s);
    }

    private static double work(BenchmarkSettings s) {
        return (double) s.b() * s.heads() * s.n() * (s.d() + 1);
    }

    private static BenchmarkSettings scaled(BenchmarkSettings s, String size) {
        int b = s.b() * (size.equals("2b") ? 2 : 1);
        int n = s.n() * (size.equals("2n") ? 2 : 1);
        int d = s.d() * (size.equals("2d") ? 2 : 1);
        int h = s.heads() * (size.equals("2h") ? 2 : 1);
        return new BenchmarkSettings(b, n, d, h, s.warmup(), s.steps(), s.threadCounts(),
                BenchmarkSettings.TorchComparison.SKIP, s.torchScript(), s.python(), s.torchWarmup(), s.torchSteps());
    }
}
