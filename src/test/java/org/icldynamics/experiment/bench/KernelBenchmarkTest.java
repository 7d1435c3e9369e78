package org.icldynamics.experiment.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
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
    void missingTorchScriptIsReportedNotThrown() {
        BenchmarkSettings s = new BenchmarkSettings(8, 2, 2, 1, 0, 1, new int[] {1},
                BenchmarkSettings.TorchComparison.RUN, Path.of("no/such/script.py"), "/usr/bin/python3", 0, 1);
        BenchmarkResult r = KernelBenchmark.run(s);
        assertTrue(r.torchStatus().startsWith("script not found"), r.torchStatus());
    }
}
