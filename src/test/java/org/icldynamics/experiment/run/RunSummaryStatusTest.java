package org.icldynamics.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import org.icldynamics.train.RunStatus;
import org.icldynamics.train.TrainOutcome;
import org.junit.jupiter.api.Test;

/** {@code summary.json}'s status is written as the enum's word and read back only through the enum. */
class RunSummaryStatusTest {
    private static final String METRICS = "step,t,train_loss,eval_loss\n0,0,1.5,\n10,0.1,0.5,0.25\n";

    @Test
    void everyStatusIsWrittenAsItsWordAndReadBackAsItself() throws Exception {
        for (RunStatus status : RunStatus.values()) {
            RunSummary s = RunSummary.of(new TrainOutcome(status, 10, 0.5, 0.25, "why"),
                    status == RunStatus.FAILED ? "disk full" : null, METRICS, 1.0);
            assertEquals(status, s.status());
            String json = RunDirectory.JSON.writeValueAsString(s);
            assertTrue(json.contains("\"status\" : \"" + status.name().toLowerCase(java.util.Locale.ROOT) + "\""),
                    json);
            assertEquals(s, RunDirectory.JSON.readValue(json, RunSummary.class));
            assertEquals(status, RunStatus.ofWord(status.word()));
        }
    }

    @Test
    void anUnknownStatusWordIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunStatus.ofWord("done"));
        assertEquals("unknown run status 'done' (known: completed, diverged, interrupted, failed)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunStatus.ofWord("COMPLETED"));
        JsonMappingException j = assertThrows(JsonMappingException.class, () -> RunDirectory.JSON.readValue(
                "{\"status\": \"done\", \"steps\": 3, \"wall_seconds\": 1.0}", RunSummary.class));
        assertTrue(j.getMessage().contains("unknown run status 'done'"), j.getMessage());
    }
}
