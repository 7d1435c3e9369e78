package org.icldynamics.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes {@code .npz} files ({@code numpy.load} opens them): a zip of {@code NAME.npy} entries, each a little-endian
 * float64 C-order array with a version-1.0 header. Entries are stored uncompressed with a fixed timestamp, so equal
 * arrays give byte-identical files.
 */
public final class NpzWriter {
    private record Array(String name, int[] shape, double[] data) {
    }

    private final List<Array> arrays = new ArrayList<>();

    /**
     * @param shape dimensions; their product must equal {@code data.length}
     * @param data row-major values, copied
     */
    public NpzWriter add(String name, int[] shape, double[] data) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " values, got " + data.length);
        }
        arrays.add(new Array(name, shape.clone(), data.clone()));
        return this;
    }

    public void write(OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Array a : arrays) {
            byte[] bytes = npy(a.shape, a.data);
            ZipEntry e = new ZipEntry(a.name + ".npy");
            e.setMethod(ZipEntry.STORED);
            e.setSize(bytes.length);
            e.setCompressedSize(bytes.length);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            e.setCrc(crc.getValue());
            e.setTime(315532800000L); // 1980-01-01, the zip epoch: fixed so files are reproducible
            zip.putNextEntry(e);
            zip.write(bytes);
            zip.closeEntry();
        }
        zip.finish();
        zip.flush();
    }

    /** One {@code .npy} file: magic, version 1.0, header padded to a multiple of 64 bytes, data. */
    static byte[] npy(int[] shape, double[] data) {
        String dims = Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", "));
        if (shape.length == 1) {
            dims += ",";
        }
        String header = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + dims + "), }";
        int total = 10 + header.length() + 1;
        int pad = (64 - total % 64) % 64;
        header = header + " ".repeat(pad) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + header.length() + 8 * data.length);
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(1);
        out.write(0);
        int len = header.length();
        out.write(len & 0xFF);
        out.write(len >>> 8);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        ByteBuffer buf = ByteBuffer.allocate(8 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : data) {
            buf.putDouble(v);
        }
        out.writeBytes(buf.array());
        return out.toByteArray();
    }
}
