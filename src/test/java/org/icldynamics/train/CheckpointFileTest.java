package org.icldynamics.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointFileTest {
    private static final TrainingState STATE = new TrainingState(1234, 12.34,
            new double[] {1.5, -0.0, Double.MIN_VALUE, 1e300}, new double[] {3, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8});

    @Test
    void roundTripIsBitExactAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("run/last.ckpt");
        CheckpointFile.write(f, STATE);
        CheckpointFile.write(f, STATE); // overwrite in place
        TrainingState r = CheckpointFile.read(f, 4);
        assertEquals(STATE.step(), r.step());
        assertEquals(STATE.t(), r.t());
        assertArrayEquals(STATE.parameters(), r.parameters());
        assertArrayEquals(STATE.optimizerState(), r.optimizerState());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(r.parameters()[1]));
        try (Stream<Path> files = Files.list(f.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void wrongParameterCountIsReportedWithBothCounts(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.ckpt");
        CheckpointFile.write(f, STATE);
        IOException e = assertThrows(IOException.class, () -> CheckpointFile.read(f, 5));
        assertTrue(e.getMessage().contains("4 parameters") && e.getMessage().contains("has 5"), e.getMessage());
    }

    @Test
    void otherVersionTruncationAndCorruptionAreReported(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("a.ckpt");
        CheckpointFile.write(f, STATE);
        byte[] ok = Files.readAllBytes(f);

        byte[] v = ok.clone();
        v[8] = 9;
        Files.write(f, v);
        assertTrue(assertThrows(IOException.class, () -> CheckpointFile.read(f, 4)).getMessage()
                .contains("format version 9"));

        Files.write(f, java.util.Arrays.copyOf(ok, ok.length - 3));
        assertTrue(assertThrows(IOException.class, () -> CheckpointFile.read(f, 4)).getMessage()
                .contains("truncated"));

        byte[] c = ok.clone();
        c[50] ^= 1;
        Files.write(f, c);
        assertTrue(assertThrows(IOException.class, () -> CheckpointFile.read(f, 4)).getMessage()
                .contains("checksum"));

        Files.writeString(f, "not a checkpoint at all, just some text here");
        assertTrue(assertThrows(IOException.class, () -> CheckpointFile.read(f, 4)).getMessage()
                .contains("not an icl-dynamics checkpoint"));
    }
}
