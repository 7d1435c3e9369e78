package org.icldynamics.cli;

import static org.icldynamics.cli.RunDamage.assertOneLine;
import static org.icldynamics.cli.RunDamage.assertSameRun;
import static org.icldynamics.cli.RunDamage.crashedRun;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per damage a run directory can suffer between a crash and {@code icl resume}: each asserts the message
 * and that no finished data is lost (the resumed run equals an undamaged one byte for byte), or that resume refuses
 * with one line and leaves the files as they were. The crash is at step 250: rows 0..240 exist, checkpoints at 100
 * and 200.
 */
class ResumeDamageTest {
    @TempDir
    static Path shared;
    private static Path straight;

    @TempDir
    Path tmp;
    private Path dir;

    @BeforeAll
    static void undamagedRun() {
        straight = shared.resolve("straight");
        assertEquals(0, CliRunner.run(RunCommandTest.args(straight)).exit());
    }

    @BeforeEach
    void crash() throws IOException {
        dir = tmp.resolve("run");
        crashedRun(dir, 250);
        assertEquals(List.of("step_00000100.ckpt", "step_00000200.ckpt"), RunDamage.list(dir.resolve("checkpoints")),
                "the two newest checkpoints are kept");
    }

    private CliRunner resume(String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("resume", dir.toString()));
        a.addAll(List.of(extra));
        return CliRunner.run(a.toArray(String[]::new));
    }

    private void assertRebuiltAndIdentical(String damage) throws IOException {
        CliRunner r = resume();
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("icl: note: " + dir.resolve("metrics.csv") + ": " + damage)
                && r.err().contains("rebuilt its 20 rows before step 200 from the checkpoint"), r.err());
        assertSameRun(straight, dir);
    }

    @Test
    void crashedRunResumesBitIdentically() throws IOException {
        CliRunner r = resume();
        assertEquals(0, r.exit(), r.err());
        assertFalse(r.err().contains("note"), r.err());
        assertSameRun(straight, dir);
    }

    @Test
    void truncatedMetricsAreRebuiltFromTheCheckpoint() throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve("metrics.csv"));
        Files.write(dir.resolve("metrics.csv"), lines.subList(0, 8));
        assertRebuiltAndIdentical("rows are missing (the last row before step 200 is step 60)");
    }

    @Test
    void metricsWithAGapAreRebuiltFromTheCheckpoint() throws IOException {
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(dir.resolve("metrics.csv")));
        lines.subList(5, 9).clear();
        Files.write(dir.resolve("metrics.csv"), lines);
        assertRebuiltAndIdentical("rows are missing (no row for step 40; the next row is step 80)");
    }

    @Test
    void emptiedMetricsAreRebuiltFromTheCheckpoint() throws IOException {
        Files.write(dir.resolve("metrics.csv"), new byte[0]);
        assertRebuiltAndIdentical("line 1 is not the header");
    }

    @Test
    void deletedMetricsAreRebuiltFromTheCheckpoint() throws IOException {
        Files.delete(dir.resolve("metrics.csv"));
        assertRebuiltAndIdentical("missing");
    }

    @Test
    void junkMetricsAreRebuiltFromTheCheckpoint() throws IOException {
        byte[] junk = new byte[4096];
        new java.util.SplittableRandom(13).nextBytes(junk);
        Files.write(dir.resolve("metrics.csv"), junk);
        assertRebuiltAndIdentical("it is not UTF-8 text");
    }

    @Test
    void damagedNewestCheckpointFallsBackToTheOlderOne() throws IOException {
        Path newest = dir.resolve("checkpoints/step_00000200.ckpt");
        byte[] b = Files.readAllBytes(newest);
        b[b.length / 2] ^= 0x10;
        Files.write(newest, b);
        CliRunner r = resume();
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("step_00000200.ckpt is corrupted (checksum mismatch); resuming from the older "
                + "step_00000100.ckpt instead"), r.err());
        assertSameRun(straight, dir);
    }

    @Test
    void everyCheckpointDamagedIsRefusedWithOneLineAndTouchesNothing() throws IOException {
        Files.write(dir.resolve("checkpoints/step_00000200.ckpt"), new byte[10]);
        Files.write(dir.resolve("checkpoints/step_00000100.ckpt"), "junk".getBytes(StandardCharsets.UTF_8));
        byte[] metrics = Files.readAllBytes(dir.resolve("metrics.csv"));
        CliRunner r = resume();
        assertEquals(2, r.exit(), r.err());
        assertOneLine(r);
        assertTrue(r.err().contains("step_00000200.ckpt is not a checkpoint")
                && r.err().contains("step_00000100.ckpt is not a checkpoint")
                && r.err().contains("delete " + dir.resolve("checkpoints")), r.err());
        assertArrayEquals(metrics, Files.readAllBytes(dir.resolve("metrics.csv")), "finished rows kept");
    }

    @Test
    void missingProvenanceIsRefusedWithOneLine() throws IOException {
        Files.delete(dir.resolve("provenance.json"));
        CliRunner r = resume();
        assertEquals(2, r.exit(), r.err());
        assertOneLine(r);
        assertTrue(r.err().contains(dir.resolve("provenance.json") + ": missing"), r.err());
        assertEquals(26, Files.readAllLines(dir.resolve("metrics.csv")).size(), "finished rows kept");
    }

    /** A run from before the ziggurat (no {@code data_stream} in its provenance) is never continued with it. */
    @Test
    void runOfAnOlderDataStreamIsRefusedWithOneLine() throws IOException {
        Path prov = dir.resolve("provenance.json");
        com.fasterxml.jackson.databind.node.ObjectNode p =
                (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(prov.toFile());
        assertEquals(org.icldynamics.data.Normals.STREAM_VERSION, p.get("data_stream").asInt(), "recorded at start");
        p.remove("data_stream");
        Files.writeString(prov, p.toString());
        CliRunner r = resume();
        assertEquals(2, r.exit(), r.err());
        assertOneLine(r);
        assertTrue(r.err().contains(prov + ": drawn with data stream version 1, this icl draws version "
                + org.icldynamics.data.Normals.STREAM_VERSION), r.err());
        assertEquals(26, Files.readAllLines(dir.resolve("metrics.csv")).size(), "finished rows kept");
    }

    @Test
    void junkProvenanceIsRefusedWithOneLine() throws IOException {
        Files.writeString(dir.resolve("provenance.json"), "{\"tool\": [1, 2");
        CliRunner r = resume();
        assertEquals(2, r.exit(), r.err());
        assertOneLine(r);
        assertTrue(r.err().contains(dir.resolve("provenance.json") + ": damaged"), r.err());
    }

    @Test
    void editedConfigIsRefusedUnlessAcceptedAndTheAcceptanceIsRecorded() throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, Files.readString(config).replace("lr: 0.05", "lr: 0.04"));
        CliRunner refused = resume();
        assertEquals(2, refused.exit(), refused.err());
        assertOneLine(refused);
        assertTrue(refused.err().contains(config + ": changed since the run started")
                && refused.err().contains("--accept-config-change"), refused.err());

        CliRunner accepted = resume("--accept-config-change");
        assertEquals(0, accepted.exit(), accepted.err());
        JsonNode prov = new ObjectMapper().readTree(dir.resolve("provenance.json").toFile());
        assertEquals(1, prov.get("config_changes").size());
        assertTrue(prov.get("config_changes").get(0).asText().contains("accepted a changed config.yaml"));
        assertEquals(sha256(config), prov.get("config_sha256").asText());
        assertEquals(List.of(), RunDamage.temporaryFiles(dir));
    }

    private static String sha256(Path file) throws IOException {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(file)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void directoryWithOnlyAConfigIsRefusedWithOneLine() throws IOException {
        Path legacy = tmp.resolve("legacy");
        Files.createDirectories(legacy);
        Files.copy(dir.resolve("config.yaml"), legacy.resolve("config.yaml"));
        List<String> a = List.of("resume", legacy.toString());
        CliRunner r = CliRunner.run(a.toArray(String[]::new));
        assertEquals(2, r.exit(), r.err());
        assertOneLine(r);
        assertTrue(r.err().contains("provenance.json: missing"), r.err());
    }
}
