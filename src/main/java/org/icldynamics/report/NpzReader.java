package org.icldynamics.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.icldynamics.config.ConfigException;

/**
 * Reads the {@code .npz} files {@link NpzWriter} writes (little-endian float64, C order): array name to values.
 * Other dtypes are refused with a message naming the entry.
 */
public final class NpzReader {
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private NpzReader() {
    }

    /** One array: its shape and its row-major values. */
    public record Array(int[] shape, double[] data) {
    }

    /**
     * Every array of {@code file}, in file order. A file cut short or not a zip archive (a snapshot damaged after its
     * run wrote it whole) is a {@link ConfigException} naming it.
     */
    public static Map<String, Array> read(Path file) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = e.getName().endsWith(".npy")
                        ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                out.put(name, npy(file + ":" + e.getName(), zip.readAllBytes()));
            }
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw damaged(file, e.getMessage());
        }
        if (out.isEmpty() && !startsWithZipSignature(file)) { // ZipInputStream reads any other bytes as no entries
            throw damaged(file, "not a zip archive");
        }
        return out;
    }

    private static ConfigException damaged(Path file, String why) {
        return new ConfigException(file + ": damaged, not a whole .npz archive (" + why + "); delete it to use the "
                + "run's other snapshots, or run its config again");
    }

    private static boolean startsWithZipSignature(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes(2);
            return b.length == 2 && b[0] == 'P' && b[1] == 'K';
        }
    }

    static Array npy(String where, byte[] b) throws IOException {
        if (b.length < 10 || (b[0] & 0xFF) != 0x93 || b[1] != 'N') {
            throw new IOException(where + ": not a .npy array");
        }
        int len = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        String header = new String(b, 10, len, StandardCharsets.US_ASCII);
        if (!header.contains("'<f8'") || header.contains("'fortran_order': True")) {
            throw new IOException(where + ": only little-endian float64 C-order arrays are read, header " + header);
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IOException(where + ": no shape in header " + header);
        }
        String[] parts = m.group(1).split(",");
        int[] shape = java.util.Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        ByteBuffer buf = ByteBuffer.wrap(b, 10 + len, b.length - 10 - len).order(ByteOrder.LITTLE_ENDIAN);
        double[] data = new double[buf.remaining() / 8];
        for (int i = 0; i < data.length; i++) {
            data[i] = buf.getDouble();
        }
        return new Array(shape, data);
    }
}
