package org.icldynamics.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icldynamics.train.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extra evaluation columns ({@code eval_iw,eval_ic}) survive a resume's truncation and are skipped by read. */
class MetricsLogExtraColumnsTest {
    @TempDir
    Path tmp;

    @Test
    void truncationKeepsTheHeaderWithExtraColumnsAndRowsBeforeTheCheckpoint() throws IOException {
        Path f = tmp.resolve("metrics.csv");
        try (MetricsLog log = MetricsLog.open(f, List.of("eval_iw", "eval_ic"))) {
            log.append(new LogRecord(0, 0, 1.5, 2.5), new double[] {3.5, 4.5});
            log.append(new LogRecord(10, 0.1, 1.25, Double.NaN), new double[] {Double.NaN, Double.NaN});
            log.append(new LogRecord(20, 0.2, 1.0, 2.0), new double[] {3.0, 4.0});
        }
        Files.writeString(f, Files.readString(f) + "30,0.3,0.9", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        MetricsLog.truncate(f, 20);
        assertEquals("step,t,train_loss,eval_loss,eval_iw,eval_ic\n0,0.0,1.5,2.5,3.5,4.5\n10,0.1,1.25,,,\n",
                Files.readString(f));
        List<LogRecord> rows = MetricsLog.read(f);
        assertEquals(List.of(new LogRecord(0, 0, 1.5, 2.5), new LogRecord(10, 0.1, 1.25, Double.NaN)), rows);
    }
}
