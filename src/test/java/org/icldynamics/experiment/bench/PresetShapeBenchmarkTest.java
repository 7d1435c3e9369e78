package org.icldynamics.experiment.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresetShapeBenchmarkTest {
    @Test
    void he25RowsCoverEveryHeadCountAndThreadCountWithBothKernelsTimed() {
        BenchmarkSettings s = new BenchmarkSettings(1, 1, 1, 1, 1, 2, new int[] {1, 2},
                BenchmarkSettings.TorchComparison.SKIP, Path.of("bench/torch_step.py"), "/usr/bin/python3", 0, 1);
        List<PresetShapeBenchmark.Row> rows = PresetShapeBenchmark.run(PresetShapeBenchmark.Shape.HE25, s);
        assertEquals(List.of(2, 2, 8, 8), rows.stream().map(PresetShapeBenchmark.Row::heads).toList());
        assertEquals(List.of(1, 2, 1, 2), rows.stream().map(PresetShapeBenchmark.Row::threads).toList());
        for (PresetShapeBenchmark.Row r : rows) {
            assertTrue(r.fastMs() > 0 && r.referenceMs() > 0, r.toString());
            assertTrue(r.kernel().endsWith("AttentionKernel"), r.kernel());
            assertTrue(Double.isNaN(r.torchMs()), "PyTorch was skipped: " + r);
        }
    }
}
