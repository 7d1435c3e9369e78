package org.icldynamics.experiment.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.icldynamics.experiment.ExperimentFactory;

/**
 * Test fixture: runs a preset's quick variant with the real models and compares it with its golden file
 * ({@code src/test/resources/golden/NAME.csv}; regenerate on purpose with
 * {@code ./icl figure NAME --quick --update-golden}). Running it a second time must reuse every run and give the
 * same numbers.
 */
final class GoldenFigures {
    private GoldenFigures() {
    }

    static void assertMatchesGolden(FigurePreset preset, Path out) throws Exception {
        FigureRunner runner = new FigureRunner(Path.of("experiments"), ExperimentFactory::build, 2, line -> { });
        FigureOutcome first = runner.run(preset, Variant.QUICK, out, () -> false);
        Path golden = Path.of("src/test/resources/golden", preset.id() + ".csv");
        assertTrue(Files.exists(golden), golden + " is missing: run ./icl figure " + preset.id()
                + " --quick --update-golden");
        Map<String, Double> pinned = GoldenFile.read(golden);
        assertEquals(List.of(), GoldenFile.compare(pinned, first.result()), "differences from " + golden);
        assertTrue(Files.exists(first.directory().resolve(preset.id() + ".png")));
        assertTrue(Files.exists(first.directory().resolve(preset.id() + ".svg")));
        assertTrue(Files.exists(first.directory().resolve("checks.csv")));

        FigureOutcome again = runner.run(preset, Variant.QUICK, out, () -> false);
        assertEquals(preset.runs(Variant.QUICK).size(), again.reusedRuns(), "finished runs are reused");
        assertEquals(List.of(), GoldenFile.compare(GoldenFile.quantities(first.result()), again.result()));
    }
}
