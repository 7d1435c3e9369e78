package org.icldynamics.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.data.MultiTaskRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;
import org.icldynamics.config.ConfigException;

/** {@code task.supports}: any task supports, overlapping or not, for any d and number of tasks. */
class TaskSupportsConfigTest {
    private static ExperimentSpec spec(String... extra) {
        List<String> o = new ArrayList<>(List.of("task.d=6", "task.tasks=3", "task.queryNoise=0"));
        o.addAll(List.of(extra));
        return ConfigYaml.defaults(o);
    }

    @Test
    void cyclicOverlappingSupportsBuildTasksThatReadOnlyTheirCoordinates() {
        ExperimentSpec s = spec("task.supports=[[0,1,2],[2,3,4],[4,5,0]]");
        MultiTaskRegressionTask t = (MultiTaskRegressionTask) ExperimentFactory.taskSpec(s.task())
                .build(new RandomStreams(1));
        assertArrayEquals(new int[][] {{0, 1, 2}, {2, 3, 4}, {0, 4, 5}}, t.coordinates());
        PromptBatch b = new PromptSampler(t, new RandomStreams(2), "supports").sample(0, 50);
        int[][] outside = {{3, 4, 5}, {0, 1, 5}, {1, 2, 3}};
        for (int p = 0; p < b.b; p++) {
            for (int k = 0; k < 3; k++) {
                for (int j : outside[k]) {
                    assertEquals(0, b.w[(p * 3 + k) * 6 + j], 0.0);
                }
            }
        }
        assertEquals(s, ConfigYaml.parse(ConfigYaml.write(s), "config.yaml", List.of()));
    }

    @Test
    void supportsWorkForAnyDAndNumberOfTasks() {
        ExperimentSpec s = spec("task.d=8", "task.tasks=4", "task.supports=[[0,7],[1,2,3,4,5,6,7],[3],[7,6,5]]");
        MultiTaskRegressionTask t = (MultiTaskRegressionTask) ExperimentFactory.taskSpec(s.task())
                .build(new RandomStreams(1));
        assertArrayEquals(new int[][] {{0, 7}, {1, 2, 3, 4, 5, 6, 7}, {3}, {5, 6, 7}}, t.coordinates());
    }

    @Test
    void badSupportsAreRejectedWithOneLineNamingTheKey() {
        for (String[] c : new String[][] {
                {"task.supports=[[0,1],[2,9],[3]]", "0..d-1"},
                {"task.supports=[[0,1],[2,3]]", "tasks: 2"},
                {"task.supports=[[0,0],[1],[2]]", "repeats 0"},
                {"task.supports=[[0],[],[2]]", "reads no coordinates"},
                {"task.supports=[[0.5],[1],[2]]", "integer"}}) {
            ConfigException e = assertThrows(ConfigException.class, () -> spec(c[0]));
            assertTrue(e.getMessage().contains("task.supports") && e.getMessage().contains(c[1]), e.getMessage());
            assertEquals(1, e.getMessage().strip().split("\\R").length);
        }
    }
}
