package org.icldynamics.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzReaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsBackWhatTheWriterWroteBitForBit() throws Exception {
        double[] m = {1.5, -0.0, Double.MIN_VALUE, Math.PI, -1e300, 7};
        double[] v = {Math.E};
        Path f = tmp.resolve("a.npz");
        AtomicFiles.write(f, new NpzWriter().add("head0.kq", new int[] {2, 3}, m).add("param.x", new int[] {1}, v)::write);
        Map<String, NpzReader.Array> r = NpzReader.read(f);
        assertEquals(List.of("head0.kq", "param.x"), List.copyOf(r.keySet()));
        assertArrayEquals(new int[] {2, 3}, r.get("head0.kq").shape());
        for (int i = 0; i < m.length; i++) {
            assertEquals(Double.doubleToRawLongBits(m[i]), Double.doubleToRawLongBits(r.get("head0.kq").data()[i]));
        }
        assertArrayEquals(new int[] {1}, r.get("param.x").shape());
        assertArrayEquals(v, r.get("param.x").data());
    }

    @Test
    void aNonNpyEntryIsRefusedWithItsName() throws Exception {
        Path f = tmp.resolve("bad.npz");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new java.util.zip.ZipEntry("junk.npy"));
            zip.write("hello world".getBytes());
            zip.closeEntry();
        }
        IOException e = assertThrows(IOException.class, () -> NpzReader.read(f));
        assertEquals(true, e.getMessage().contains("junk.npy"), e.getMessage());
    }
}
