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
 * {@code model.initScale} where the init reads no scale (attention's {@code torch-uniform}; the cubic-feature
 * network's {@code equivalent-to} from a given {@code equivalentTo}) is one located line from {@code icl config} and
 * {@code icl run} alike, and the same scale with an init that uses it is accepted by both. Runs stored before the
 * rule still load, as the model they trained.
 */
class InitScaleConfigTest {
    @TempDir
    Path tmp;

    private Path config(String init) throws IOException {
        return Files.writeString(tmp.resolve(init + ".yaml"), "seed: 3\nmodel:\n  init: " + init
                + "\n  initScale: 0.3\n");
    }

    @Test
    void initScaleWithTorchUniformIsOneLineNamingFileLineKeyValueAndWhyInConfigAndRun() throws IOException {
        Path f = config("torch-uniform");
        String[] parts = {f + ":4: model.initScale = 0.3", "torch-uniform", "no scale", "gaussian"};
        CliRunner.runReal("config", f.toString()).assertOneLineError(parts);
        Path out = tmp.resolve("run");
        CliRunner.runReal("run", f.toString(), "--out", out.toString()).assertOneLineError(parts);
        assertTrue(Files.notExists(out), "no run directory for a bad config");
        // torch-uniform is the default init: a scale given alone is the same error
        CliRunner.runReal("config", "--set", "model.initScale=0.3").assertOneLineError(
                "--set model.initScale=0.3: model.initScale = 0.3", "torch-uniform");
    }

    @Test
    void initScaleWithGaussianIsAcceptedByConfigAndRun() throws IOException {
        Path f = config("gaussian");
        CliRunner c = CliRunner.runReal("config", f.toString());
        assertEquals(0, c.exit(), c.err());
        assertTrue(c.out().contains("init: gaussian") && c.out().contains("initScale: 0.3"), c.out());
        Path out = tmp.resolve("run");
        CliRunner r = CliRunner.runReal("run", f.toString(), "--out", out.toString(), "--set", "task.d=2",
                "--set", "task.n=4", "--set", "train.batch=16", "--set", "eval.prompts=32", "--set", "train.steps=2",
                "--set", "train.logEvery=1", "--set", "train.evalEvery=1", "--set", "train.checkpointEvery=0",
                "--set", "train.snapshots=2", "--set", "train.threads=1");
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.readString(out.resolve("config.yaml")).contains("initScale: 0.3"));
    }

    @Test
    void cubicFeatureInitScaleIsRejectedOnlyWhenTheWeightsAreCopiedFromAGivenModel() {
        String[] copied = {"config", "--set", "model.architecture=cubic-feature", "--set", "model.init=equivalent-to",
            "--set", "model.equivalentTo=attn.yaml", "--set", "model.initScale=0.3"};
        CliRunner.runReal(copied).assertOneLineError("--set model.initScale=0.3: model.initScale = 0.3", "equivalent-to",
                "attn.yaml");
        // equivalentTo empty: the config's own attention twin draws its weights with this scale
        CliRunner twin = CliRunner.runReal("config", "--set", "model.architecture=cubic-feature", "--set",
                "model.init=equivalent-to", "--set", "model.initScale=0.3");
        assertEquals(0, twin.exit(), twin.err());
        CliRunner zero = CliRunner.runReal("config", "--set", "model.architecture=cubic-feature", "--set",
                "model.init=equivalent-to", "--set", "model.equivalentTo=attn.yaml", "--set", "model.initScale=0");
        assertEquals(0, zero.exit(), zero.err());
    }

    @Test
    void aStoredRunWrittenBeforeTheRuleLoadsWithTheScaleItsInitNeverRead() throws IOException {
        Path old = config("torch-uniform");
        Path fresh = Files.writeString(tmp.resolve("fresh.yaml"), "seed: 3\nmodel:\n  init: torch-uniform\n");
        ExperimentSpec stored = ConfigYaml.loadRun(old, List.of());
        assertEquals(0.0, stored.model().initScale());
        assertEquals(ConfigYaml.loadRun(fresh, List.of()), stored);
        assertThrows(ConfigException.class, () -> ConfigYaml.load(old, List.of()));
        // a scale its init reads is kept
        assertEquals(0.3, ConfigYaml.loadRun(config("gaussian"), List.of()).model().initScale());
    }
}
