package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icl serve} refuses bad input with one line and exit 2 before it listens. */
class ServeCommandTest {
    @TempDir
    Path tmp;

    private static void oneLineUsage(CliRunner r, String expected) {
        assertEquals(Main.USAGE, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("icl: error: ") && r.err().contains(expected), r.err());
    }

    @Test
    void aMissingDirectoryIsNamed() {
        oneLineUsage(CliRunner.runReal("serve", tmp.resolve("nope").toString(), "--port", "0"),
                tmp.resolve("nope") + ": not a directory");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        oneLineUsage(CliRunner.runReal("serve", tmp.toString(), "--port", "70000"), "--port 70000: must be in 0..65535");
    }

    @Test
    void aPortInUseIsOneLineNotAStackTrace() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            oneLineUsage(CliRunner.runReal("serve", tmp.toString(), "--port", Integer.toString(busy.getLocalPort())),
                    "cannot listen on 127.0.0.1:" + busy.getLocalPort());
        }
    }

    /** A busy port makes the command stop after its warning, so no server is left listening. */
    @Test
    void anyHostOtherThanLoopbackIsWarnedAbout() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            String port = Integer.toString(busy.getLocalPort());
            CliRunner r = CliRunner.runReal("serve", tmp.toString(), "--host", "0.0.0.0", "--port", port);
            assertEquals(Main.USAGE, r.exit(), r.err());
            List<String> lines = r.err().lines().toList();
            assertEquals(2, lines.size(), r.err());
            assertEquals("icl: warning: --host 0.0.0.0 makes the dashboard (and every file under the served "
                    + "directories) readable from other machines; it has no login", lines.get(0));
            assertTrue(lines.get(1).startsWith("icl: error: cannot listen on 0.0.0.0:" + port), r.err());
        }
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(busy.getLocalPort());
            CliRunner r = CliRunner.runReal("serve", tmp.toString(), "--host", "127.0.0.1", "--port", port);
            assertFalse(r.err().contains("warning"), "loopback is not warned about: " + r.err());
            oneLineUsage(r, "cannot listen on 127.0.0.1:" + port);
        }
    }
}
