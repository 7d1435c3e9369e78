package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cubic-feature network takes {@code init: gaussian} or {@code equivalent-to} only: any other family (the default
 * torch-uniform included) is one located line from {@code icl config} and {@code icl run} alike, naming what is
 * allowed. Runs stored when the network drew every other family as gaussian load as gaussian.
 */
class CubicInitConfigTest {
    private static final String[] ALLOWED = {"model.init = ", "must be gaussian", "or equivalent-to",
        "architecture: cubic-feature"};

    @TempDir
    Path tmp;

    private Path cubic(String name, String modelLines) throws IOException {
        return Files.writeString(tmp.resolve(name + ".yaml"), "seed: 3\nmodel:\n  architecture: cubic-feature\n"
                + modelLines);
    }

    private static String[] with(String... more) {
        return java.util.stream.Stream.concat(java.util.Arrays.stream(ALLOWED), java.util.Arrays.stream(more))
                .toArray(String[]::new);
    }

    @Test
    void anInitTheNetworkDoesNotHonourIsOneLineNamingFileLineAndWhatIsAllowedInConfigAndRun() throws IOException {
        for (String init : List.of("torch-uniform", "linear-paper", "identity", "identity-inclined")) {
            Path f = cubic(init, "  heads: 2\n  init: " + init + "\n");
            String[] parts = with(f + ":5: model.init = '" + init + "'");
            CliRunner.runReal("config", f.toString()).assertOneLineError(parts);
            Path out = tmp.resolve("run-" + init);
            CliRunner.runReal("run", f.toString(), "--out", out.toString()).assertOneLineError(parts);
            assertTrue(Files.notExists(out), "no run directory for a bad config");
        }
    }

    @Test
    void theDefaultInitPointsAtTheUsersModelSectionOrArchitectureAndAsksToSetOne() throws IOException {
        Path f = cubic("default", "  heads: 2\n");
        CliRunner.runReal("config", f.toString()).assertOneLineError(with(f + ":2: model.init = 'torch-uniform'",
                "keeps its default; set it"));
        CliRunner.runReal("config", "--set", "model.architecture=cubic-feature").assertOneLineError(with(
                "--set model.architecture=cubic-feature: model.init = 'torch-uniform'", "keeps its default"));
    }

    @Test
    void gaussianIsAcceptedByConfigAndRunAndWrittenAsGaussian() throws IOException {
        Path f = cubic("gaussian", "  heads: 2\n  init: gaussian\n  initScale: 0.3\n");
        CliRunner c = CliRunner.runReal("config", f.toString());
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().contains("  init: gaussian\n  initScale: 0.3\n"), c.out());
        Path out = tmp.resolve("run");
        CliRunner r = CliRunner.runTinyReal(out, "train.steps=2", "train.logEvery=1", "train.evalEvery=1",
                "train.checkpointEvery=0", "train.snapshots=2", "train.threads=1", "model.architecture=cubic-feature",
                "model.init=gaussian", "model.initScale=0.3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("  init: gaussian\n"));
    }

    @Test
    void aStoredRunWrittenWhenEveryOtherInitDrewGaussianLoadsAsGaussianWithItsScale() throws IOException {
        ExperimentSpec fresh = ConfigYaml.loadRun(cubic("fresh", "  init: gaussian\n  initScale: 1.0e-6\n"), List.of());
        for (String init : List.of("torch-uniform", "linear-paper", "identity", "identity-inclined")) {
            Path old = cubic("old-" + init, "  init: " + init + "\n  initScale: 1.0e-6\n");
            ExperimentSpec stored = ConfigYaml.loadRun(old, List.of());
            assertTrue(ConfigYaml.write(stored).contains("  init: gaussian\n"), init);
            assertEquals(1.0e-6, stored.model().initScale(), init);
            assertEquals(fresh, stored, init);
            assertThrows(ConfigException.class, () -> ConfigYaml.load(old, List.of()), init);
        }
        // equivalent-to is honoured as it was: from a given model its unread scale is 0, from its own twin it is kept
        ExperimentSpec copied = ConfigYaml.loadRun(cubic("copied", "  init: equivalent-to\n  initScale: 0.3\n"
                + "  equivalentTo: runs/attn\n"), List.of());
        assertEquals(0.0, copied.model().initScale());
        ExperimentSpec twin = ConfigYaml.loadRun(cubic("twin", "  init: equivalent-to\n  initScale: 0.3\n"), List.of());
        assertTrue(ConfigYaml.write(twin).contains("  init: equivalent-to\n"));
        assertEquals(0.3, twin.model().initScale());
    }
}
