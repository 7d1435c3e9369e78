package org.icldynamics.experiment.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.icldynamics.experiment.ExperimentFactory;
import org.junit.jupiter.api.Test;

class FigurePresetTest {
    @Test
    void presetNamesAreUniqueKebabCaseAndFindable() {
        Set<String> seen = new HashSet<>();
        for (FigurePreset p : FigurePreset.all()) {
            assertTrue(p.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), p.id());
            assertTrue(seen.add(p.id()), "duplicate " + p.id());
            assertEquals(p, FigurePreset.named(p.id()));
            assertTrue(p.expectedMinutes(Variant.QUICK) < p.expectedMinutes(Variant.FULL));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FigurePreset.named("nope"));
        assertTrue(e.getMessage().contains("zhang25-fig1-merged-vs-cubic"), "lists the known names");
    }

    @Test
    void everyPresetHasAGoldenFile() {
        for (FigurePreset p : FigurePreset.all()) {
            assertTrue(Files.exists(Path.of("src/test/resources/golden", p.id() + ".csv")), p.id());
        }
    }

    @Test
    void everyRunOfEveryPresetResolvesToAValidConfigInBothVariants() {
        FigureRunner runner = new FigureRunner(Path.of("experiments"), ExperimentFactory::build, 2, l -> { });
        for (FigurePreset p : FigurePreset.all()) {
            for (Variant v : Variant.values()) {
                List<RunRequest> runs = p.runs(v);
                Set<String> ids = new HashSet<>();
                for (RunRequest r : runs) {
                    assertTrue(Files.exists(Path.of("experiments", r.config())), r.config());
                    assertTrue(ids.add(r.id()), "duplicate run id " + r.id());
                    runner.spec(r, 1); // binds and validates every override
                }
            }
        }
    }

    @Test
    void halfWayCrossingInterpolatesAndPlateauFindsTheFlatStretch() {
        double[] steps = {0, 10, 20, 30, 40};
        double[] loss = {1.0, 1.0, 0.8, 0.2, 0.2};
        assertEquals(25.0, LossCurveMeasures.halfWayCrossing(steps, loss, 1.0, 0.0), 1e-12);
        assertTrue(Double.isNaN(LossCurveMeasures.halfWayCrossing(steps, loss, 1.0, 0.9 * 2)));
        double[] stair = {1, 1, 1, 1, 0.7, 0.64, 0.64, 0.64, 0.64, 0.64, 0.3, 0.2, 0.2};
        assertEquals(0.64, LossCurveMeasures.plateauNear(stair, 0.6406, 2, 0.01), 0);
        assertEquals(1.0, LossCurveMeasures.plateauNear(stair, 0.95, 1, 0.01), 0);
        double[] longStair = {1, 1, 1, 1, 0.7, 0.64, 0.64, 0.64, 0.64, 0.64, 0.3, 0.2, 0.2, 0.2, 0.2};
        assertEquals(3, LossCurveMeasures.plateauCount(longStair, 1, 0.01, 0.05), "levels 1, 0.64, 0.2");
        double[] slowTail = new double[200];
        for (int i = 0; i < slowTail.length; i++) { // one drop, then a slow creep: still two plateaus
            slowTail[i] = i < 50 ? 1 : 0.2 + 0.8 * Math.exp(-(i - 50) / 3.0) + 0.05 * Math.exp(-(i - 50) / 60.0);
        }
        assertEquals(2, LossCurveMeasures.plateauCount(slowTail, 3, 0.005, 0.05));
    }
}
