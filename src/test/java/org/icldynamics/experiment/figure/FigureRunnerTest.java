package org.icldynamics.experiment.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FigureRunnerTest {
    @TempDir
    Path out;

    @Test
    void aRunDirectoryHoldingAnotherConfigIsAnErrorAndIsNotOverwritten() throws Exception {
        FigureRunner runner = new FigureRunner(Path.of("experiments"), ExperimentFactory::build, 1, l -> { });
        FigurePreset preset = LinearAttentionFigures.RANK_ONE_STAIRCASE;
        List<RunRequest> runs = preset.runs(Variant.QUICK);
        // plant a different config (another seed) where every run of the figure would go
        for (RunRequest r : runs) {
            ExperimentSpec other = runner.spec(r.with(List.of("seed=99")), 1);
            Path root = FigureRunner.runRoot(out, Variant.QUICK, r);
            Files.createDirectories(root);
            Files.writeString(root.resolve("config.yaml"), ConfigYaml.write(other));
        }
        Path planted = FigureRunner.runRoot(out, Variant.QUICK, runs.get(0)).resolve("config.yaml");
        String before = Files.readString(planted);
        ConfigException e = assertThrows(ConfigException.class,
                () -> runner.run(preset, Variant.QUICK, out, () -> false));
        assertTrue(e.getMessage().contains("different config"), e.getMessage());
        assertEquals(before, Files.readString(planted), "the existing run is left alone");
    }

    @Test
    void theoryFiguresNeedNoRunsAndWriteTheirFiles() throws Exception {
        FigureRunner runner = new FigureRunner(Path.of("experiments"), ExperimentFactory::build, 2, l -> { });
        FigureOutcome o = runner.run(SoftmaxTheoryFigures.APPROX_DYNAMICS, Variant.QUICK, out, () -> false);
        assertEquals(0, o.reusedRuns());
        for (String f : List.of("he25-approx-dynamics.png", "he25-approx-dynamics.svg", "checks.csv",
                "key-numbers.csv")) {
            assertTrue(Files.exists(o.directory().resolve(f)), f);
        }
        assertTrue(o.result().checks().stream().allMatch(c -> c.passed()), o.result().checks().toString());
    }
}
