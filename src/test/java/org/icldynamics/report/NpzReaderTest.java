package org.icldynamics.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.icldynamics.config.ConfigException;
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

    @Test
    void aFileCutShortOrNotAnArchiveIsNamedAsDamaged() throws Exception {
        Path whole = tmp.resolve("whole.npz");
        AtomicFiles.write(whole, new NpzWriter().add("param.x", new int[] {64}, new double[64])::write);
        byte[] b = Files.readAllBytes(whole);
        Path cut = Files.write(tmp.resolve("cut.npz"), java.util.Arrays.copyOf(b, b.length / 2));
        ConfigException e = assertThrows(ConfigException.class, () -> NpzReader.read(cut));
        assertTrue(e.getMessage().startsWith(cut + ": damaged, not a whole .npz archive"), e.getMessage());
        Path text = Files.writeString(tmp.resolve("text.npz"), "garbage\n");
        e = assertThrows(ConfigException.class, () -> NpzReader.read(text));
        assertTrue(e.getMessage().startsWith(text + ": damaged, not a whole .npz archive (not a zip archive)"),
                e.getMessage());
        Path empty = tmp.resolve("empty.npz");
        try (var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(empty))) {
            zip.finish();
        }
        assertEquals(Map.of(), NpzReader.read(empty), "an archive with no arrays is read as such");
    }
}
