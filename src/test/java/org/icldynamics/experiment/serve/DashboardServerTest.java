package org.icldynamics.experiment.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.icldynamics.experiment.run.MetricsLog;
import org.icldynamics.report.NpzReader;
import org.icldynamics.train.LogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's HTTP answers: JSON equal to the files on disk, and nothing outside the served directories. */
class DashboardServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path tmp;
    static Path root;
    static DashboardServer server;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createDirectories(tmp.resolve("served"));
        DashboardFixtures.run(root.resolve("r1"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("r1").resolve("figures").resolve("link.png"),
                outside.resolve("secret.txt"));
        server = DashboardServer.start(new ServedRoots(List.of(root)), "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Sends the request line as written (no client-side normalisation) and returns status and body. */
    static String[] get(String rawPath) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET " + rawPath + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String r = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int body = r.indexOf("\r\n\r\n");
            return new String[] {r.substring(9, 12), body < 0 ? "" : r.substring(body + 4)};
        }
    }

    @Test
    void traversalAttemptsAreAnswered403Or404AndNeverLeak() throws Exception {
        List<String> attempts = List.of(
                "/files/0/../../outside/secret.txt", "/files/0/r1/../../outside/secret.txt",
                "/files/0/%2e%2e/outside/secret.txt", "/files/0/%2E%2E%2Foutside%2Fsecret.txt",
                "/files/0/%252e%252e/outside/secret.txt", "/files/0/%252e%252e%252foutside%252fsecret.txt",
                "/files/" + tmp.resolve("outside/secret.txt"), "/files//" + tmp.resolve("outside/secret.txt"),
                "/files/%2F" + tmp.resolve("outside/secret.txt").toString().substring(1).replace("/", "%2F"),
                "/files/0/escape/secret.txt", "/files/0/r1/figures/link.png", "/files/0/..%5c..%5coutside%5csecret.txt",
                "/files/1/secret.txt", "/files/-1/secret.txt",
                "/api/run?id=0/..", "/api/run?id=0%2F..%2F..", "/api/run?id=" + tmp.resolve("outside"),
                "/api/run?id=0/escape", "/api/metrics?id=0/r1/../../outside", "/api/circuits?id=0/escape&step=0",
                "/api/study?id=0/escape", "/api/reproduction?id=0/..%2F..",
                "/../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/vendor/../../../../etc/passwd");
        for (String a : attempts) {
            String[] r = get(a);
            assertTrue(r[0].equals("403") || r[0].equals("404"), a + " answered " + r[0] + ": " + r[1]);
            assertFalse(r[1].contains("secret") && !r[1].contains("secret.txt"), a + " leaked the file");
            assertFalse(r[1].contains("root:"), a + " leaked /etc/passwd");
        }
        assertEquals("200", get("/files/0/r1/config.yaml")[0], "a file inside is served");
    }

    @Test
    void oddQueriesAreAnswered4xxNever500() throws Exception {
        assertEquals("200", get("/api/metrics?id=0/r1&from=99999999999")[0], "a poll past the end: no rows");
        assertEquals(0, JSON.readTree(get("/api/metrics?id=0/r1&from=99999999999")[1]).get("rows").size());
        assertEquals("400", get("/api/metrics?id=0/r1&from=abc")[0]);
        assertEquals("404", get("/api/reproduction?id=0/r1")[0], "a run directory is not a reproduction");
        assertEquals("404", get("/api/study?id=0/r1")[0], "nor a study");
        assertEquals("404", get("/api/circuits?id=0/r1&step=-1")[0]);
        assertEquals("400", get("/api/run")[0], "no id");
    }

    @Test
    void writesAreNotAccepted() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE")) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write((method + " /files/0/r1/config.yaml HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                String status = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8).substring(9, 12);
                assertTrue(status.equals("404") || status.equals("405"), method + " answered " + status);
            }
        }
        assertTrue(Files.readString(root.resolve("r1/config.yaml")).contains("steps: 60"));
    }

    @Test
    void metricsAndCircuitsEqualTheFilesOnDisk() throws Exception {
        List<LogRecord> rows = MetricsLog.read(root.resolve("r1/metrics.csv"));
        JsonNode m = JSON.readTree(get("/api/metrics?id=0/r1&from=0")[1]);
        assertEquals(rows.size(), m.get("rows").size());
        assertEquals(rows.size(), m.get("next").asInt());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(rows.get(i).step(), m.get("rows").get(i).get(0).asLong());
            assertEquals(rows.get(i).trainLoss(), m.get("rows").get(i).get(2).asDouble(), 0.0);
        }
        JsonNode tail = JSON.readTree(get("/api/metrics?id=0/r1&from=" + (rows.size() - 2))[1]);
        assertEquals(2, tail.get("rows").size(), "polling from K returns rows K.. only");

        JsonNode page = JSON.readTree(get("/api/run?id=0/r1")[1]);
        assertEquals("completed", page.get("run").get("status").asText());
        assertEquals("60", page.get("run").get("config").get("train.steps").asText());
        long last = page.get("snapshots").get(page.get("snapshots").size() - 1).asLong();
        assertEquals(60, last);
        JsonNode c = JSON.readTree(get("/api/circuits?id=0/r1&step=" + last)[1]);
        Map<String, NpzReader.Array> npz = NpzReader.read(root.resolve(String.format("r1/snapshots/step_%08d.npz", last)));
        assertEquals(2, c.get("heads").size());
        double max = 0;
        for (int h = 0; h < 2; h++) {
            double[] kq = npz.get("head" + h + ".kq").data();
            JsonNode v = c.get("heads").get(h).get("kq").get("values");
            assertEquals(kq.length, v.size());
            for (int i = 0; i < kq.length; i++) {
                assertEquals(kq[i], v.get(i).asDouble(), 0.0);
                max = Math.max(max, Math.abs(kq[i]));
            }
        }
        assertEquals(max, c.get("kqScale").asDouble(), 0.0);
        long missing = 1;
        while (page.get("snapshots").toString().matches(".*\\b" + missing + "\\b.*")) {
            missing++;
        }
        assertEquals("404", get("/api/circuits?id=0/r1&step=" + missing)[0], "no snapshot at step " + missing);

        JsonNode index = JSON.readTree(get("/api/index")[1]);
        assertEquals(1, index.get("runs").size(), "the symlinked folder is not entered");
    }

    @Test
    void metricsTailReadsOnlyCompleteLines() throws Exception {
        Path f = tmp.resolve("partial.csv");
        Files.writeString(f, "step,t,train_loss,eval_loss\n0,0.0,1.5,1.25\n10,0.1,Infinity,\n20,0.2,0.7");
        MetricsTail t = MetricsTail.read(f, 0);
        assertEquals(2, t.rows().size(), "the unterminated row is left for the next poll");
        assertEquals(2, t.next());
        assertEquals(1.25, t.rows().get(0)[3], 0.0);
        assertEquals(null, t.rows().get(1)[2], "non-finite values are null");
        Files.writeString(f, "\n", java.nio.file.StandardOpenOption.APPEND);
        MetricsTail more = MetricsTail.read(f, t.next());
        assertEquals(1, more.rows().size());
        assertEquals(20.0, more.rows().get(0)[0], 0.0);
        Files.writeString(f, "garbage\u0000\n1,2\n");
        org.icldynamics.config.ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.icldynamics.config.ConfigException.class, () -> MetricsTail.read(f, 0));
        assertTrue(e.getMessage().startsWith(f + ":1: damaged, not a metrics file"), e.getMessage());
    }
}
