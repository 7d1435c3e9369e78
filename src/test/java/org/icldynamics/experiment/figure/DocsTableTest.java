package org.icldynamics.experiment.figure;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every docs/ table an explained check names exists: the file, its section heading and a table in that section. */
class DocsTableTest {
    @Test
    void everyBackingTableExistsUnderItsHeading() throws IOException {
        for (DocsTable t : DocsTable.all()) {
            Path f = Path.of(t.file());
            assertTrue(Files.isRegularFile(f), t + ": no file " + f);
            List<String> lines = Files.readAllLines(f);
            int at = lines.indexOf("## " + t.heading());
            assertTrue(at >= 0, t + ": no heading '## " + t.heading() + "' in " + f);
            boolean table = false;
            for (int i = at + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
                table |= lines.get(i).startsWith("|") && i + 1 < lines.size() && lines.get(i + 1).startsWith("|");
            }
            assertTrue(table, t + ": no table in section '" + t.heading() + "' of " + f);
        }
    }
}
