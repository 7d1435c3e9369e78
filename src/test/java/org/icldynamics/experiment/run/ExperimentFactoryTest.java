package org.icldynamics.experiment.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.data.Task;
import org.icldynamics.train.Adam;
import org.icldynamics.train.GradientDescent;
import org.icldynamics.train.Sgd;
import org.icldynamics.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;

/** The config-to-objects wiring with the real models, tasks and optimizers. */
class ExperimentFactoryTest {
    static final List<String> TINY = List.of("task.d=2", "task.n=4", "train.batch=8", "eval.prompts=16",
            "train.steps=30", "train.logEvery=5", "train.evalEvery=10", "train.checkpointEvery=10",
            "train.snapshots=3");

    @TempDir
    Path tmp;

    private static ExperimentSpec spec(String... extra) {
        List<String> o = new ArrayList<>(TINY);
        o.addAll(List.of(extra));
        return ConfigYaml.defaults(o);
    }

    @Test
    void optimizerKindsMapToTheirClasses() {
        try (ExperimentParts p = ExperimentFactory.build(spec("train.optimizer=gd"))) {
            assertInstanceOf(GradientDescent.class, p.optimizer());
        }
        try (ExperimentParts p = ExperimentFactory.build(spec("train.optimizer=sgd", "train.momentum=0.9"))) {
            assertInstanceOf(Sgd.class, p.optimizer());
        }
        try (ExperimentParts p = ExperimentFactory.build(spec("train.optimizer=adam"))) {
            assertInstanceOf(Adam.class, p.optimizer());
        }
    }

    @Test
    void shapesFollowTheConfig() {
        try (ExperimentParts p = ExperimentFactory.build(spec("task.tasks=2", "model.heads=3"))) {
            assertEquals(2, p.evalSet().outputs);
            assertEquals(16, p.evalSet().b);
            assertEquals(3, p.model().circuits().size());
            assertEquals(2 + 2, p.model().circuits().get(0).tokenWidth());
            assertEquals(8, p.batches().batch(0).b);
        }
    }

    @Test
    void onlineDataIsFreshEveryStepAndFixedDataIsOneSet() {
        try (ExperimentParts p = ExperimentFactory.build(spec("train.data=online"))) {
            assertTrue(p.batches().batch(0).x[0] != p.batches().batch(1).x[0]);
            assertArrayEquals(p.batches().batch(3).x, p.batches().batch(3).x, "a pure function of the step");
        }
        try (ExperimentParts p = ExperimentFactory.build(spec("train.data=fixed", "train.centring=centre"))) {
            assertSame(p.batches().batch(0), p.batches().batch(7));
        }
    }

    @Test
    void randomEigenbasisWithUnitTraceGivesTraceOneInputs() {
        ExperimentSpec s = spec("task.eigenvalues=[1, 3]", "task.basis=random-orthogonal", "task.trace=unit-trace");
        Task t = ExperimentFactory.taskSpec(s.task()).build(new org.icldynamics.data.RandomStreams(s.seed()));
        assertEquals(2, t.d());
        assertNotSame(null, t);
    }

    @Test
    void settingsTheModelRejectsAreAConfigErrorAtBindingNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> spec("model.architecture=cubic-feature",
                "model.init=gaussian", "task.tasks=2"));
        assertTrue(e.getMessage().startsWith("--set task.tasks=2: task.tasks = 2: must be 1 for "
                + "model.architecture: cubic-feature"), e.getMessage());
    }

    @Test
    void realRunIsBitIdenticalOnOneAndTwoThreads() throws IOException {
        byte[][] metrics = new byte[2][];
        for (int threads = 1; threads <= 2; threads++) {
            Path dir = tmp.resolve("t" + threads);
            ExperimentRun run = ExperimentRun.create(dir, spec("train.threads=" + threads, "train.batch=200",
                    "eval.prompts=300"), "icl run", ExperimentFactory::build);
            RunSummary s = run.run(new TrainingListener() { }, () -> false);
            assertEquals(org.icldynamics.train.RunStatus.COMPLETED, s.status());
            metrics[threads - 1] = Files.readAllBytes(dir.resolve("metrics.csv"));
            assertArrayEquals(Files.readAllBytes(tmp.resolve("t1/snapshots/step_00000030.npz")),
                    Files.readAllBytes(dir.resolve("snapshots/step_00000030.npz")));
        }
        assertArrayEquals(metrics[0], metrics[1]);
    }
}
