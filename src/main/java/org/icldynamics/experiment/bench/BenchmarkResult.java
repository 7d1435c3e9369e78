package org.icldynamics.experiment.bench;

import java.util.List;

/**
 * Timings of {@link KernelBenchmark}.
 *
 * @param rows one per workload, precision and thread count
 * @param peakHeapBytes peak heap in use during the run (largest heap use before a collection, see HeapPeak)
 * @param torchStatus "ok", or why the PyTorch column is missing
 */
public record BenchmarkResult(List<Row> rows, long peakHeapBytes, String torchStatus) {
    public BenchmarkResult {
        rows = List.copyOf(rows);
    }

    /**
     * @param workload "softmax" or "linear"
     * @param precision "double" or "float"
     * @param threads thread count of the Java run (and of PyTorch's intra-op pool)
     * @param medianMs median Java wall milliseconds per full step (with several rounds: the median of the rounds')
     * @param cpuMs mean process CPU milliseconds per timed step (all threads; independent of other processes'
     *     load, so it shows the work done when wall times are inflated by a busy machine)
     * @param torchMedianMs median PyTorch milliseconds per step, NaN when not run
     * @param rounds how many times the row and its PyTorch script were timed, alternating ({@link SideBySide})
     * @param lowestRatio the lowest per-round ratio PyTorch / ours (the speedup itself with one round; NaN without
     *     PyTorch); {@code highestRatio} the highest
     */
    public record Row(String workload, String precision, int threads, double medianMs, double cpuMs,
                      double torchMedianMs, int rounds, double lowestRatio, double highestRatio) {
        /** A row timed once. */
        public Row(String workload, String precision, int threads, double medianMs, double cpuMs,
                   double torchMedianMs) {
            this(workload, precision, threads, medianMs, cpuMs, torchMedianMs, 1, torchMedianMs / medianMs,
                    torchMedianMs / medianMs);
        }

        /** A row timed in rounds. */
        public static Row of(String workload, String precision, int threads, SideBySide t) {
            return new Row(workload, precision, threads, t.ms(), t.cpuMs(), t.torchMedianMs(), t.rounds(),
                    t.lowestRatio(), t.highestRatio());
        }

        /** How many times faster than PyTorch (NaN when PyTorch was not run). */
        public double speedup() {
            return torchMedianMs / medianMs;
        }
    }
}
