package org.icldynamics.experiment.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmaPeakTest {
    @Test
    void readsThePeakLineAndRejectsOutputWithout() {
        assertEquals(38.67, FmaPeak.parse("fma_peak_gflops: 38.67\nlanes: 4\nthreads: 2\nchecksum: 96\n"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FmaPeak.parse("Segmentation fault"));
        assertTrue(e.getMessage().contains("Segmentation fault"), e.getMessage());
    }

    @Test
    void aMissingSourceLeavesThePeakUnknownWithTheReason(@TempDir Path empty) {
        FmaPeak.Result r = FmaPeak.measure(empty, 0.1, 1).get(0);
        assertFalse(r.known());
        assertTrue(Double.isNaN(r.gflops()) && Double.isNaN(r.share(10.0)));
        assertTrue(r.status().contains(FmaPeak.SOURCE), r.status());
    }

    @Test
    void shareIsTheRatioToThePeak() {
        assertEquals(0.25, new FmaPeak.Result(40.0, 2, "ok").share(10.0));
    }

    /** The project's program, where a C compiler exists: each thread's chains give a positive, finite rate. */
    @Test
    void theProjectsProgramMeasuresAPositivePeakWhereCcExists() {
        Path bench = Path.of(System.getProperty("icl.home", "."), "bench");
        FmaPeak.Result r = FmaPeak.measure(bench, 0.05, 1).get(0);
        assumeTrue(r.known() || !r.status().startsWith("no C compiler"), r.status());
        assertTrue(r.known(), r.status());
        assertTrue(r.gflops() > 0 && Double.isFinite(r.gflops()), "peak " + r.gflops());
    }
}
