package org.icldynamics.experiment.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.run.TinyRuns;
import org.icldynamics.train.RunStatus;
import org.icldynamics.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code icl figure} and {@code icl sweep} do with a run that is not cleanly finished: one that failed (a full
 * disk, once fixed) or whose {@code summary.json} no longer parses is resumed from its newest checkpoint, to the same
 * metrics, instead of being reused or stopping the whole command.
 */
class PointRunResumeTest {
    private static final String PRESET = "zhang25-fig1-cubic.yaml";
    private static final List<String> TINY = List.of("train.batch=40", "train.steps=6", "eval.prompts=40",
            "train.logEvery=1", "train.evalEvery=1", "train.snapshots=2", "train.threads=1",
            "train.checkpointEvery=3");

    @TempDir
    Path tmp;

    private PointRun.Result ensure(Path root) throws IOException {
        ExperimentSpec spec = ConfigYaml.load(TinyRuns.EXPERIMENTS.resolve(PRESET), TINY);
        return PointRun.ensure(root, spec, spec, "test", ExperimentFactory::build, new TrainingListener() { },
                () -> false);
    }

    @Test
    void aDamagedOrFailedSummaryIsResumedToTheSameMetrics() throws IOException {
        Path root = tmp.resolve("run");
        assertEquals(PointRun.Result.COMPLETED, ensure(root));
        byte[] metrics = Files.readAllBytes(root.resolve("metrics.csv"));
        Path summary = root.resolve("summary.json");
        String whole = Files.readString(summary);

        Files.writeString(summary, "{\"status\": \"compl");
        ConfigException e = assertThrows(ConfigException.class, () -> PointRun.summary(root));
        assertTrue(e.getMessage().startsWith(summary + ": does not parse"), e.getMessage());
        assertFalse(PointRun.finished(root));
        assertEquals("its summary.json does not parse", PointRun.resumeReason(root));
        assertEquals(PointRun.Result.COMPLETED, ensure(root), "resumed, not reused and not an error");
        assertEquals(RunStatus.COMPLETED, PointRun.summary(root).status());
        assertArrayEquals(metrics, Files.readAllBytes(root.resolve("metrics.csv")));

        assertTrue(whole.contains("\"completed\""), whole);
        Files.writeString(summary, whole.replace("\"completed\"", "\"failed\""));
        assertFalse(PointRun.finished(root));
        assertTrue(PointRun.resumeReason(root).startsWith("it "), PointRun.resumeReason(root));
        assertEquals(PointRun.Result.COMPLETED, ensure(root), "a failed run is resumed once its cause is fixed");
        assertArrayEquals(metrics, Files.readAllBytes(root.resolve("metrics.csv")));
        assertTrue(PointRun.finished(root));
        assertEquals(PointRun.Result.REUSED, ensure(root));
        assertEquals(null, PointRun.resumeReason(root), "nothing to say about a finished run");
    }
}
