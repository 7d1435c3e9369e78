package org.icldynamics.experiment.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run's status on the dashboard: from its summary, damaged when the summary is unreadable, else by its metrics. */
class RunInfoStatusTest {
    @TempDir
    Path run;

    private String status() {
        return RunInfo.row("0/run", run).status();
    }

    @Test
    void summaryThenDamagedThenRunningOrStopped() throws IOException {
        Files.writeString(run.resolve("config.yaml"), "seed: 1\n");
        Path metrics = Files.writeString(run.resolve("metrics.csv"), "step,t,train_loss,eval_loss\n0,0,1,1\n");
        assertEquals("running", status(), "metrics written just now, no summary yet");
        Files.setLastModifiedTime(metrics, FileTime.from(Instant.now().minusSeconds(3600)));
        assertEquals("stopped", status(), "no summary and no metrics row for an hour: killed");
        Path summary = Files.writeString(run.resolve("summary.json"), "{\"status\": \"completed\", \"steps\": 0}");
        assertEquals("completed", status());
        Files.writeString(summary, "{\"status\": \"compl");
        assertEquals("damaged", status(), "a summary cut short is not a run that is still going");
        Files.writeString(summary, "[1, 2]");
        assertEquals("damaged", status(), "a summary without a status");
    }
}
