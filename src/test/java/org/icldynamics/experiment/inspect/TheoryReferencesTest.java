package org.icldynamics.experiment.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.icldynamics.analysis.PlateauResult;
import org.icldynamics.theory.OneStepGdRisk;
import org.icldynamics.theory.ReferenceLines;
import org.junit.jupiter.api.Test;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.TheoryReferences;

/** Which theory values apply to a config, estimator names on the command line, and which snapshots get identified. */
class TheoryReferencesTest {
    private static ExperimentSpec preset(String file, String... overrides) {
        return ConfigYaml.load(Path.of("experiments", file), List.of(overrides));
    }

    @Test
    void rankOnePresetGetsTheSpecPlateauLevelsAndHalfMseHalvesThem() {
        double[] spec = {1.000, 0.641, 0.377, 0.210, 0.136}; // linear-attention A.5 Fig. 3a
        double[] levels = TheoryReferences.plateauLevels(preset("zhang25-fig3-attnS.yaml"));
        assertEquals(spec.length, levels.length);
        for (int k = 0; k < spec.length; k++) {
            assertEquals(spec[k], levels[k], 5e-4);
        }
        double[] half = TheoryReferences.plateauLevels(preset("zhang25-fig3-attnS.yaml", "model.loss=half-mse"));
        for (int k = 0; k < spec.length; k++) {
            assertEquals(0.5 * levels[k], half[k], 1e-15);
        }
        assertEquals(0, TheoryReferences.of(preset("zhang25-fig3-attnS.yaml", "task.noise=0.1")).size());
    }

    @Test
    void softmaxPresetGetsOptimalDebiasedGdAndBayesRisks() {
        List<ReferenceLines.Line> lines = TheoryReferences.of(preset("he25-heads.yaml"));
        assertEquals(OneStepGdRisk.optimalDebiasedRisk(5, 40, 0.1), TheoryReferences.value(lines, "dgd-optimum"));
        assertEquals(0.2429, TheoryReferences.value(lines, "dgd-optimum"), 1e-4); // softmax A.4.2
        // Bayes by Monte Carlo (standard error ~1e-4) against the spec's F-A5 value 0.1146 at L = 40
        assertEquals(0.1146, TheoryReferences.value(lines, "bayes"), 0.002);
        assertTrue(TheoryReferences.of(preset("he25-heads.yaml", "task.tau2=1")).isEmpty());
    }

    @Test
    void estimatorNamesParseAndBadOnesNameTheCause() {
        EstimatorChoice c = EstimatorChoice.parse("softmax-2head:0.13:3.45");
        assertEquals("softmax-2head", c.kind().word());
        assertEquals(3.45, c.parameters()[1]);
        assertTrue(assertThrows(ConfigException.class, () -> EstimatorChoice.parse("gd")).getMessage()
                .contains("takes 1 parameter"));
        assertTrue(assertThrows(ConfigException.class, () -> EstimatorChoice.parse("newton:1")).getMessage()
                .contains("unknown kind 'newton'"));
        assertTrue(assertThrows(ConfigException.class, () -> EstimatorChoice.parse("ridge:x")).getMessage()
                .contains("'x' is not a number"));
    }

    @Test
    void identifiedStepsAreTheFinalSnapshotAndTheOneNearestEachPlateauMiddle() {
        PlateauResult p = new PlateauResult(List.of(new PlateauResult.Plateau(0, 100, 1),
                new PlateauResult.Plateau(300, 500, 0.5)), List.of(), List.of());
        long[] steps = {0, 10, 60, 200, 390, 700, 1000};
        assertEquals(List.of(60L, 390L, 1000L),
                java.util.Arrays.stream(RunAnalysis.identificationSteps(p, steps)).boxed().toList());
        assertEquals(List.of(1000L),
                java.util.Arrays.stream(RunAnalysis.identificationSteps(null, steps)).boxed().toList());
        assertEquals(List.of(0L, 60L, 390L, 1000L),
                java.util.Arrays.stream(AnalysisFiles.spread(steps, 4)).boxed().toList());
    }
}
