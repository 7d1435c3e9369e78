package org.icldynamics.experiment.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class KernelBenchmarkTest {
    @Test
    void tinyBenchmarkGivesFinitePositiveTimesForEveryRowAndSkipsTorchWhenAsked() {
        BenchmarkSettings s = new BenchmarkSettings(70, 4, 2, 3, 1, 3, new int[] {1, 2},
                BenchmarkSettings.TorchComparison.SKIP, Path.of("bench/torch_step.py"), "/usr/bin/python3", 0, 1);
        BenchmarkResult r = KernelBenchmark.run(s);
        assertEquals(8, r.rows().size()); // 2 workloads x 2 precisions x 2 thread counts
        for (BenchmarkResult.Row row : r.rows()) {
            assertTrue(Double.isFinite(row.medianMs()) && row.medianMs() > 0, row.toString());
            assertTrue(Double.isNaN(row.torchMedianMs()), row.toString());
            assertTrue(Double.isFinite(row.cpuMs()) && row.cpuMs() >= 0, row.toString());
        }
        assertEquals("skipped", r.torchStatus());
        assertTrue(r.peakHeapBytes() > 0);
    }

    @Test
    void presetRowsRunAtSmallSizeWithFiniteTimes() {
        BenchmarkSettings s = new BenchmarkSettings(8, 2, 2, 1, 0, 1, new int[] {1},
                BenchmarkSettings.TorchComparison.SKIP, Path.of("bench/torch_step.py"), "/usr/bin/python3", 0, 1,
                BenchmarkSettings.PresetWorkloads.SMALL);
        BenchmarkResult r = KernelBenchmark.run(s);
        assertEquals(7, r.rows().size()); // 2 workloads x 2 precisions + 2 presets + transformer, one thread count
        assertEquals("fig4-rank", r.rows().get(4).workload());
        assertEquals("multitask", r.rows().get(5).workload());
        assertEquals("transformer-L3-h4-W64", r.rows().get(6).workload());
        for (BenchmarkResult.Row row : r.rows()) {
            assertTrue(Double.isFinite(row.medianMs()) && row.medianMs() > 0, row.toString());
        }
    }

    @Test
    void versusReferenceTimesBothKernelsForEveryWorkloadAndThreadCount() {
        BenchmarkSettings s = new BenchmarkSettings(70, 4, 2, 3, 1, 3, new int[] {1, 2},
                BenchmarkSettings.TorchComparison.SKIP, Path.of("bench/torch_step.py"), "/usr/bin/python3", 0, 1);
        var rows = KernelBenchmark.versusReference(s);
        assertEquals(4, rows.size()); // 2 workloads x 2 thread counts
        for (KernelBenchmark.VersusReference v : rows) {
            assertTrue(v.fastMs() > 0 && v.referenceMs() > 0, v.toString());
            assertEquals(v.referenceMs() / v.fastMs(), v.speedup(), 0.0);
            assertTrue(v.kernel().endsWith("AttentionKernel"), v.kernel());
        }
        assertEquals(java.util.List.of("softmax", "softmax", "linear", "linear"),
                rows.stream().map(KernelBenchmark.VersusReference::workload).toList());
    }

    @Test
    void scalingRowsDoubleOneSizeAtATimeInBothPrecisions() {
        BenchmarkSettings s = new BenchmarkSettings(70, 4, 2, 3, 1, 3, new int[] {1},
                BenchmarkSettings.TorchComparison.SKIP, Path.of("bench/torch_step.py"), "/usr/bin/python3", 0, 1);
        var rows = ScalingBenchmark.run(s, 1);
        assertEquals(10, rows.size()); // base, 2b, 2n, 2d, 2h x double, float
        int[][] sizes = {{70, 4, 2, 3}, {140, 4, 2, 3}, {70, 8, 2, 3}, {70, 4, 4, 3}, {70, 4, 2, 6}};
        double[] work = {1, 2, 2, 5.0 / 3, 2}; // b h n (d + 1): doubling d = 2 takes D from 3 to 5
        for (int i = 0; i < rows.size(); i++) {
            ScalingBenchmark.Row r = rows.get(i);
            int[] want = sizes[i / 2];
            assertEquals(List.of(want[0], want[1], want[2], want[3]), List.of(r.b(), r.n(), r.d(), r.heads()));
            assertEquals(i % 2 == 0 ? "double" : "float", r.precision());
            assertEquals(work[i / 2], r.work(), 1e-12);
            assertTrue(r.ms() > 0 && r.cpuMs() >= 0, r.toString());
            assertTrue(Double.isNaN(r.torchMs()) && Double.isNaN(r.speedup()), "torch skipped: " + r);
        }
        assertEquals("skipped", ScalingBenchmark.torchStatus(s));
    }

    @Test
    void scalingWithoutTheTorchScriptSaysWhyAndTimesJavaOnly() {
        BenchmarkSettings s = new BenchmarkSettings(8, 2, 2, 1, 0, 1, new int[] {1},
                BenchmarkSettings.TorchComparison.RUN, Path.of("no/such/script.py"), "/usr/bin/python3", 0, 1);
        assertTrue(ScalingBenchmark.torchStatus(s).startsWith("script not found"), ScalingBenchmark.torchStatus(s));
        var rows = ScalingBenchmark.run(s, 1);
        assertEquals(10, rows.size());
        assertTrue(rows.stream().allMatch(r -> Double.isNaN(r.torchMs()) && r.ms() > 0), rows.toString());
    }

    @Test
    void missingTorchScriptIsReportedNotThrown() {
        BenchmarkSettings s = new BenchmarkSettings(8, 2, 2, 1, 0, 1, new int[] {1},
                BenchmarkSettings.TorchComparison.RUN, Path.of("no/such/script.py"), "/usr/bin/python3", 0, 1);
        BenchmarkResult r = KernelBenchmark.run(s);
        assertTrue(r.torchStatus().startsWith("script not found"), r.torchStatus());
    }
}
