package org.icldynamics.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzWriterTest {
    @TempDir
    Path tmp;

    private static byte[] bytes(NpzWriter w) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.write(out);
        return out.toByteArray();
    }

    @Test
    void npyHeaderIsVersion1PaddedTo64BytesWithShape() {
        byte[] npy = NpzWriter.npy(new int[] {2, 3}, new double[6]);
        assertEquals((byte) 0x93, npy[0]);
        assertEquals("NUMPY", new String(npy, 1, 5, StandardCharsets.US_ASCII));
        int headerLen = (npy[8] & 0xFF) | (npy[9] & 0xFF) << 8;
        assertEquals(0, (10 + headerLen) % 64);
        String header = new String(npy, 10, headerLen, StandardCharsets.US_ASCII);
        assertEquals("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", header.strip());
        assertEquals(10 + headerLen + 6 * 8, npy.length);
        assertEquals("(5,)", new String(NpzWriter.npy(new int[] {5}, new double[5]), 10, 80,
                StandardCharsets.US_ASCII).replaceAll(".*'shape': (\\(5,\\)).*", "$1").strip());
    }

    @Test
    void equalArraysGiveByteIdenticalFiles() throws IOException {
        double[] a = {1, -2.5, Math.PI, 0};
        assertArrayEquals(bytes(new NpzWriter().add("x", new int[] {2, 2}, a)),
                bytes(new NpzWriter().add("x", new int[] {2, 2}, a.clone())));
    }

    @Test
    void shapeMustMatchTheData() {
        assertThrows(IllegalArgumentException.class, () -> new NpzWriter().add("x", new int[] {2, 2}, new double[3]));
    }

    @Test
    void numpyLoadReadsNamesShapesAndExactValues() throws Exception {
        Path python = Path.of("/usr/bin/python3");
        assumeTrue(Files.isExecutable(python), "no /usr/bin/python3");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import numpy").start();
        assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0, "numpy is not installed");

        double[] kq = new double[16];
        for (int i = 0; i < kq.length; i++) {
            kq[i] = Math.scalb(1.0 + i / 7.0, i - 8) * (i % 2 == 0 ? 1 : -1);
        }
        double[] ov = {0.1, 0.2, 0.3, Double.MIN_VALUE};
        Path f = tmp.resolve("s.npz");
        Files.write(f, bytes(new NpzWriter().add("head0.kq", new int[] {4, 4}, kq).add("head0.ov", new int[] {1, 4}, ov)
                .add("gamma", new int[] {16}, kq)));
        String script = "import numpy as np, sys\n"
                + "z = np.load(sys.argv[1])\n"
                + "print(sorted(z.files))\n"
                + "for k in sorted(z.files): print(k, z[k].shape, z[k].dtype, ' '.join(float(v).hex() for v in z[k].ravel()))\n";
        Process p = new ProcessBuilder(python.toString(), "-c", script, f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String[] lines = out.strip().split("\n");
        assertEquals("['gamma', 'head0.kq', 'head0.ov']", lines[0]);
        assertEquals("gamma (16,) float64 " + hex(kq), lines[1]);
        assertEquals("head0.kq (4, 4) float64 " + hex(kq), lines[2]);
        assertEquals("head0.ov (1, 4) float64 " + hex(ov), lines[3]);
    }

    private static String hex(double[] a) {
        StringBuilder sb = new StringBuilder();
        for (double v : a) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(pyHex(v));
        }
        return sb.toString();
    }

    /** Python's float.hex(): 0x1.8000000000000p+0 style with 13 hex digits. */
    private static String pyHex(double v) {
        if (v == 0) {
            return (1 / v < 0 ? "-" : "") + "0x0.0p+0";
        }
        long bits = Double.doubleToRawLongBits(v);
        String sign = bits < 0 ? "-" : "";
        int exp = (int) ((bits >>> 52) & 0x7FF);
        long mant = bits & 0xFFFFFFFFFFFFFL;
        String lead = exp == 0 ? "0" : "1";
        int e = exp == 0 ? -1022 : exp - 1023;
        return sign + "0x" + lead + "." + String.format("%013x", mant) + "p" + (e >= 0 ? "+" : "") + e;
    }
}
