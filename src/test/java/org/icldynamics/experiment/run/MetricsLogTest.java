package org.icldynamics.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icldynamics.config.ConfigException;
import org.icldynamics.train.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
    @TempDir
    Path tmp;

    @Test
    void rowsRoundTripBitExactWithEmptyEvalForNaN() throws IOException {
        Path f = tmp.resolve("m.csv");
        LogRecord a = new LogRecord(0, 0.0, 0.1 + 0.2, Math.PI);
        LogRecord b = new LogRecord(10, 0.01, Math.ulp(1.0), Double.NaN);
        try (MetricsLog log = MetricsLog.open(f)) {
            log.append(a);
            log.append(b);
        }
        assertEquals(MetricsLog.HEADER + "\n0,0.0,0.30000000000000004,3.141592653589793\n10,0.01,2.220446049250313E-16,\n",
                Files.readString(f));
        assertEquals(java.util.List.of(a, b), MetricsLog.read(f));
    }

    @Test
    void truncateKeepsCompleteRowsBeforeTheCheckpointAndDropsACutRow() throws IOException {
        Path f = tmp.resolve("m.csv");
        Files.writeString(f, MetricsLog.HEADER + "\n0,0.0,1.0,\n10,0.1,0.5,\n20,0.2,0.25,\n30,0.3,0.1");
        MetricsLog.truncate(f, 20);
        assertEquals(MetricsLog.HEADER + "\n0,0.0,1.0,\n10,0.1,0.5,\n", Files.readString(f));
        MetricsLog.truncate(f, 100);
        assertEquals(MetricsLog.HEADER + "\n0,0.0,1.0,\n10,0.1,0.5,\n", Files.readString(f), "nothing cut is lost");
        try (MetricsLog log = MetricsLog.open(f)) {
            log.append(new LogRecord(20, 0.2, 0.25, Double.NaN));
        }
        assertEquals(3, MetricsLog.read(f).size(), "appending after truncation writes no second header");
    }

    @Test
    void aDamagedFileIsAConfigErrorNamingFileAndLine() throws IOException {
        Path f = tmp.resolve("metrics.csv");
        Files.write(f, new byte[] {'s', 't', 'e', 'p', ',', (byte) 0xff, '\n'});
        ConfigException e = assertThrows(ConfigException.class, () -> MetricsLog.read(f));
        assertTrue(e.getMessage().startsWith(f + ": damaged, not UTF-8 text"), e.getMessage());
        Files.writeString(f, "step,t,train_loss,eval_loss\n0,0,1.5,\n10,0.1,abc,2\n");
        e = assertThrows(ConfigException.class, () -> MetricsLog.read(f));
        assertTrue(e.getMessage().startsWith(f + ":3: damaged, not a metrics row"), e.getMessage());
    }
}
