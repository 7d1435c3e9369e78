package org.icldynamics.cli;

import static org.icldynamics.cli.RunDamage.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icldynamics.data.Normals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Float runs draw float normals (data stream version 4): their provenance records it, their prompts differ from the
 * double run's with the same seed, and a float run recorded with the double stream (a float run started before the
 * change) is refused on resume with one line, its files kept.
 */
class FloatDrawStreamTest {
    @TempDir
    Path tmp;

    @Test
    void floatRunRecordsItsStreamAndAnOlderFloatRunIsRefused() throws IOException {
        Path flt = tmp.resolve("float");
        Path dbl = tmp.resolve("double");
        assertEquals(0, CliRunner.runReal(RunCommandTest.args(flt, "--set", "model.precision=float")).exit());
        assertEquals(0, CliRunner.runReal(RunCommandTest.args(dbl)).exit());
        ObjectMapper json = new ObjectMapper();
        Path prov = flt.resolve("provenance.json");
        ObjectNode p = (ObjectNode) json.readTree(prov.toFile());
        assertEquals(Normals.FLOAT_STREAM_VERSION, p.get("data_stream").asInt(), "float run's stream");
        assertEquals(Normals.STREAM_VERSION, json.readTree(dbl.resolve("provenance.json").toFile())
                .get("data_stream").asInt(), "double run's stream");
        String floatMetrics = Files.readString(flt.resolve("metrics.csv"));
        assertNotEquals(Files.readString(dbl.resolve("metrics.csv")).lines().skip(1).findFirst().orElseThrow(),
                floatMetrics.lines().skip(1).findFirst().orElseThrow(), "other prompts: other losses at step 0");
        p.put("data_stream", Normals.STREAM_VERSION);
        Files.writeString(prov, p.toString());
        Files.delete(flt.resolve("summary.json")); // as if killed after its last checkpoint
        CliRunner r = CliRunner.runReal("resume", flt.toString());
        assertEquals(2, r.exit(), r.err());
        assertOneLine(r);
        assertTrue(r.err().contains(prov + ": drawn with data stream version 3, this icl draws version 4 for its "
                + "config (float normals)"), r.err());
        assertEquals(floatMetrics, Files.readString(flt.resolve("metrics.csv")), "files kept");
    }
}
