package org.icldynamics.experiment.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code icl bench --rounds}: each round ours then PyTorch's; medians per side, the range of per-round ratios. */
class SideBySideTest {
    @Test
    void roundsAlternateOursThenTorchAndReportMediansAndTheRatioRange() {
        List<String> calls = new ArrayList<>();
        double[][] ours = {{3, 0.3}, {1, 0.1}, {2, 0.2}};
        double[] torch = {30, 50, 10};
        int[] k = {0, 0};
        SideBySide t = SideBySide.time(3, () -> {
            calls.add("ours");
            return ours[k[0]++];
        }, () -> {
            calls.add("torch");
            return torch[k[1]++];
        }, true);
        assertEquals(List.of("ours", "torch", "ours", "torch", "ours", "torch"), calls);
        assertEquals(3, t.rounds());
        assertEquals(2.0, t.ms(), 0.0);
        assertEquals(0.2, t.cpuMs(), 0.0);
        assertEquals(30.0, t.torchMedianMs(), 0.0);
        assertEquals(5.0, t.lowestRatio(), 0.0);  // 10 / 2 in round 3
        assertEquals(50.0, t.highestRatio(), 0.0); // 50 / 1 in round 2
        BenchmarkResult.Row row = BenchmarkResult.Row.of("softmax", "double", 2, t);
        assertEquals(15.0, row.speedup(), 0.0);    // the medians' ratio, 30 / 2
        assertEquals(List.of(3, 5.0, 50.0), List.of(row.rounds(), row.lowestRatio(), row.highestRatio()));
    }

    @Test
    void anEvenNumberOfRoundsTakesTheMeanOfTheMiddleTwo() {
        double[] ours = {4, 1, 2, 8};
        int[] k = {0};
        SideBySide t = SideBySide.time(4, () -> new double[] {ours[k[0]++], 1}, () -> 12, true);
        assertEquals(3.0, t.ms(), 0.0);
        assertEquals(12.0 / 8, t.lowestRatio(), 0.0);
        assertEquals(12.0, t.highestRatio(), 0.0);
    }

    @Test
    void withoutTorchItIsNeverCalledAndTheRatiosAreMissing() {
        SideBySide t = SideBySide.time(2, () -> new double[] {1, 1}, () -> {
            throw new AssertionError("PyTorch was run");
        }, false);
        assertTrue(Double.isNaN(t.torchMedianMs()) && Double.isNaN(t.lowestRatio()) && Double.isNaN(t.highestRatio()));
        assertThrows(IllegalArgumentException.class, () -> SideBySide.time(0, () -> new double[] {1, 1}, () -> 1, true));
    }

    @Test
    void aOneRoundRowKeepsItsSpeedupAsItsRange() {
        BenchmarkResult.Row row = new BenchmarkResult.Row("softmax", "float", 1, 2.0, 2.0, 50.0);
        assertEquals(List.of(1, 25.0, 25.0), List.of(row.rounds(), row.lowestRatio(), row.highestRatio()));
    }

    @Test
    void benchRowsTimedInRoundsKeepTheirShapeAndSayHowManyRounds() {
        BenchmarkSettings s = new BenchmarkSettings(70, 4, 2, 3, 1, 3, new int[] {1},
                BenchmarkSettings.TorchComparison.SKIP, Path.of("bench/torch_step.py"), "/usr/bin/python3", 0, 1);
        BenchmarkResult r = KernelBenchmark.run(s, 2);
        assertEquals(4, r.rows().size()); // 2 workloads x 2 precisions, one thread count
        for (BenchmarkResult.Row row : r.rows()) {
            assertEquals(2, row.rounds(), row.toString());
            assertTrue(row.medianMs() > 0 && Double.isNaN(row.lowestRatio()), row.toString());
        }
        List<ScalingBenchmark.Row> rows = ScalingBenchmark.run(s, 1, false, 2);
        assertEquals(10, rows.size());
        assertTrue(rows.stream().allMatch(x -> x.rounds() == 2 && x.ms() > 0 && Double.isNaN(x.highestRatio())),
                rows.toString());
    }
}
