package org.icldynamics.experiment.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.icldynamics.config.ConfigException;
import org.icldynamics.data.Normals;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.run.TinyRuns;
import org.icldynamics.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run directory written before a rule renamed what its config means is still the run its preset asks for: the
 * cubic-feature preset's run stored with {@code init: torch-uniform} (which drew gaussian weights) is reused by the
 * preset that now says {@code init: gaussian}, while a really different config is still refused.
 */
class StoredConfigReuseTest {
    private static final String PRESET = "zhang25-fig1-cubic.yaml";
    private static final List<String> TINY = List.of("train.batch=40", "train.steps=3", "eval.prompts=40",
            "train.logEvery=1", "train.evalEvery=1", "train.snapshots=2", "train.threads=1", "train.checkpointEvery=0");
    private static final Function<ExperimentSpec, ExperimentParts> NO_TRAINING = s -> {
        throw new AssertionError("a reused run trains nothing");
    };

    @TempDir
    Path tmp;

    @Test
    void aCubicRunStoredWithTheOldInitWordIsReusedAndADifferentConfigIsRefused() throws IOException {
        Path root = tmp.resolve("zhang25-fig1-cubic");
        TinyRuns.train(root, PRESET, TINY, ExperimentFactory::build);
        Path config = root.resolve("config.yaml");
        String written = Files.readString(config);
        assertTrue(written.contains("  init: gaussian\n"), written);
        Files.writeString(config, written.replace("  init: gaussian\n", "  init: torch-uniform\n"));

        ExperimentSpec spec = ConfigYaml.load(TinyRuns.EXPERIMENTS.resolve(PRESET), TINY);
        assertEquals(PointRun.Result.REUSED, PointRun.ensure(root, spec, spec, "test", NO_TRAINING,
                new TrainingListener() { }, () -> false));

        ExperimentSpec other = ConfigYaml.load(TinyRuns.EXPERIMENTS.resolve(PRESET),
                concat(TINY, "model.initScale=2.0e-6"));
        ConfigException e = assertThrows(ConfigException.class, () -> PointRun.ensure(root, other, other, "test",
                NO_TRAINING, new TrainingListener() { }, () -> false));
        assertTrue(e.getMessage().contains("a different config"), e.getMessage());
    }

    /**
     * A finished run of an older data stream is never reused: one drawn by the ziggurat (version 2 in provenance) and
     * one drawn before versions were recorded (no {@code data_stream}: version 1).
     */
    @Test
    void aRunOfAnOlderDataStreamIsRefusedForReuse() throws IOException {
        Path root = tmp.resolve("old-stream");
        TinyRuns.train(root, PRESET, TINY, ExperimentFactory::build);
        Path prov = root.resolve("provenance.json");
        String written = Files.readString(prov);
        String field = ",\\s*\"data_stream\"\\s*:\\s*" + Normals.STREAM_VERSION;
        assertTrue(Pattern.compile(field).matcher(written).find(), written);
        ExperimentSpec spec = ConfigYaml.load(TinyRuns.EXPERIMENTS.resolve(PRESET), TINY);
        for (int older : new int[] {Normals.STREAM_VERSION - 1, 1}) {
            Files.writeString(prov, written.replaceAll(field, older == 1 ? "" : ", \"data_stream\" : " + older));
            ConfigException e = assertThrows(ConfigException.class, () -> PointRun.ensure(root, spec, spec, "test",
                    NO_TRAINING, new TrainingListener() { }, () -> false));
            assertTrue(e.getMessage().contains("drawn with data stream version " + older), e.getMessage());
            assertThrows(ConfigException.class, () -> PointRun.finished(root));
            assertEquals(org.icldynamics.train.RunStatus.COMPLETED, PointRun.summary(root).status(), "still readable");
        }
    }

    private static List<String> concat(List<String> a, String b) {
        return java.util.stream.Stream.concat(a.stream(), java.util.stream.Stream.of(b)).toList();
    }
}
