package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.icldynamics.experiment.figure.FigurePreset;
import org.icldynamics.report.ChecksCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureCommandTest {
    @TempDir
    Path tmp;

    @Test
    void listShowsEveryPresetWithItsMinutesAndTheReproduceTotal() {
        CliRunner r = CliRunner.run("figure", "--list");
        assertEquals(Main.OK, r.exit(), r.err());
        for (FigurePreset p : FigurePreset.all()) {
            assertTrue(r.out().contains(p.id()), p.id());
        }
        assertTrue(r.out().contains("total:") && r.out().contains("icl reproduce --all"));
    }

    @Test
    void unknownFigureAndMissingFlagsAreUsageErrorsNamingTheCause() {
        CliRunner unknown = CliRunner.run("figure", "no-such-figure");
        assertEquals(Main.USAGE, unknown.exit());
        assertTrue(unknown.err().contains("no figure preset 'no-such-figure'"), unknown.err());
        CliRunner golden = CliRunner.run("figure", "he25-approx-dynamics", "--update-golden");
        assertEquals(Main.USAGE, golden.exit());
        assertTrue(golden.err().contains("--quick"), golden.err());
        assertEquals(Main.USAGE, CliRunner.run("reproduce").exit(), "reproduce needs --all");
    }

    @Test
    void theoryFigureWritesImagesAndChecksAndPasses() throws Exception {
        CliRunner r = CliRunner.run("figure", "he25-approx-dynamics", "--quick", "--out", tmp.toString());
        assertEquals(Main.OK, r.exit(), r.out() + r.err());
        Path dir = tmp.resolve("he25-approx-dynamics");
        assertTrue(Files.size(dir.resolve("he25-approx-dynamics.png")) > 1000);
        assertTrue(Files.readString(dir.resolve("he25-approx-dynamics.svg")).contains("<svg"));
        assertEquals(4, ChecksCsv.read(dir.resolve("checks.csv")).size());
        assertTrue(r.out().contains("pass  warm-up ends"), r.out());
    }

    @Test
    void readmeTableListsEveryPreset() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        for (FigurePreset p : FigurePreset.all()) {
            assertTrue(readme.contains("`./icl figure " + p.id() + "`"), "README lacks " + p.id());
        }
    }
}
