package org.icldynamics.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.data.MultiTaskRegressionTask;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;
import org.icldynamics.config.ConfigException;

/** {@code task.layout}: the softmax paper's overlapping pair from config keys; the default layout is unchanged. */
class TaskLayoutConfigTest {
    /** The paper's A.1.2 numbers. */
    private static final List<String> PAPER = List.of("task.d=6", "task.tasks=2", "task.n=48", "task.noise=0.4",
            "task.queryNoise=0", "task.tau2=1");

    private static ExperimentSpec spec(String... extra) {
        List<String> o = new ArrayList<>(PAPER);
        o.addAll(List.of(extra));
        return ConfigYaml.defaults(o);
    }

    @Test
    void overlappingPairKeyBuildsExactlyThePapersSpec() {
        ExperimentSpec s = spec("task.layout=overlapping-pair");
        assertEquals(MultiTaskRegressionTask.Spec.overlappingPair(), ExperimentFactory.taskSpec(s.task()));
        MultiTaskRegressionTask t = (MultiTaskRegressionTask) ExperimentFactory.taskSpec(s.task())
                .build(new RandomStreams(1));
        assertArrayEquals(new int[][] {{0, 1, 2, 3}, {2, 3, 4, 5}}, t.coordinates());
    }

    @Test
    void defaultLayoutIsStillContiguousBlocks() {
        ExperimentSpec s = spec();
        assertEquals(TaskSection.Layout.CONTIGUOUS_BLOCKS, s.task().layout());
        assertEquals(MultiTaskRegressionTask.Spec.contiguousBlocks(6, 2, 48, 0.4),
                ExperimentFactory.taskSpec(s.task()));
    }

    @Test
    void layoutSurvivesTheWrittenConfig() {
        ExperimentSpec s = spec("task.layout=overlapping-pair");
        assertEquals(s, ConfigYaml.parse(ConfigYaml.write(s), "config.yaml", List.of()));
    }

    @Test
    void overlappingPairNeedsSixCoordinatesAndTwoTasks() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> spec("task.layout=overlapping-pair", "task.d=5"));
        assertTrue(e.getMessage().contains("task.layout") && e.getMessage().contains("d: 6 and tasks: 2"),
                e.getMessage());
    }
}
