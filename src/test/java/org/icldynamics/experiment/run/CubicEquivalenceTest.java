package org.icldynamics.experiment.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.train.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentSpec;

/**
 * {@code model.init: equivalent-to}: the cubic-feature network started from an attention model's weights follows
 * the same loss curve as that attention model (linear-attention A.2.4, A.9 item 2), from this config, a config file
 * or a run directory.
 */
class CubicEquivalenceTest {
    @TempDir
    Path tmp;

    private static final List<String> TINY = List.of("train.batch=200", "train.steps=250", "model.initScale=0.05",
            "train.lr=0.01", "eval.prompts=200", "train.snapshots=3", "train.threads=1", "train.checkpointEvery=0",
            "train.logEvery=10");

    private static List<String> with(String... more) {
        List<String> o = new ArrayList<>(TINY);
        o.addAll(List.of(more));
        return o;
    }

    private static void sameCurves(RunReader a, RunReader b) throws IOException {
        List<LogRecord> x = a.metrics();
        List<LogRecord> y = b.metrics();
        assertEquals(x.size(), y.size());
        double drop = x.get(0).trainLoss() - x.get(x.size() - 1).trainLoss();
        assertTrue(drop > 0.3, "the tiny run must leave its plateau to test anything; drop " + drop);
        for (int i = 0; i < x.size(); i++) {
            assertEquals(x.get(i).trainLoss(), y.get(i).trainLoss(), 1e-8, "step " + x.get(i).step());
        }
    }

    @Test
    void cubicNetworkFromThisConfigsAttentionTwinFollowsTheAttentionRunTo1e8() throws IOException {
        RunReader attn = TinyRuns.train(tmp.resolve("a"), "zhang25-fig1-attnM.yaml", TINY,
                ExperimentFactory::build);
        RunReader cubic = TinyRuns.train(tmp.resolve("c"), "zhang25-fig1-cubic.yaml",
                with("model.init=equivalent-to"), ExperimentFactory::build);
        sameCurves(attn, cubic);
        RunReader fromRun = TinyRuns.train(tmp.resolve("r"), "zhang25-fig1-cubic.yaml",
                with("model.init=equivalent-to", "model.initScale=0",
                        "model.equivalentTo=" + tmp.resolve("a")), ExperimentFactory::build);
        sameCurves(attn, fromRun);
    }

    @Test
    void equivalentToIsRejectedForAttentionAndForAMismatchedSource() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigYaml.defaults(List.of(
                "model.init=equivalent-to")));
        assertTrue(e.getMessage().contains("model.init") && e.getMessage().contains("cubic-feature"), e.getMessage());
        ExperimentSpec s = ConfigYaml.defaults(List.of("model.architecture=cubic-feature", "model.init=equivalent-to",
                "model.heads=3", "task.queryNoise=0",
                "model.equivalentTo=" + TinyRuns.EXPERIMENTS.resolve("zhang25-fig1-attnM.yaml")));
        ConfigException m = assertThrows(ConfigException.class,
                () -> CubicEquivalence.startingPoint(ExperimentFactory.build(s), s).close());
        assertTrue(m.getMessage().contains("model.equivalentTo") && m.getMessage().contains("3 heads"),
                m.getMessage());
    }
}
