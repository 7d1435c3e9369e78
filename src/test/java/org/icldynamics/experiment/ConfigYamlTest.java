package org.icldynamics.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.report.AxisScale;
import org.junit.jupiter.api.Test;
import org.icldynamics.config.ConfigException;

class ConfigYamlTest {
    @Test
    void fileListsOnlyDifferencesAndTheRestComesFromDefaults() {
        ExperimentSpec d = ConfigYaml.defaults(List.of());
        ExperimentSpec s = ConfigYaml.parse("train:\n  lr: 0.02\nmodel:\n  scores: linear\n", "x.yaml", List.of());
        assertEquals(0.02, s.train().lr());
        assertEquals(OneLayerAttention.Scores.LINEAR, s.model().scores());
        assertEquals(d.task(), s.task());
        assertEquals(d.train().steps(), s.train().steps());
    }

    @Test
    void overridesApplyAfterTheFileWithYamlTypes() {
        ExperimentSpec s = ConfigYaml.parse("train:\n  lr: 0.02\n", "x.yaml",
                List.of("train.lr=0.5", "task.eigenvalues=[4, 3, 2, 1, 0.5]", "report.yAxis=linear",
                        "model.keyQuery=separate"));
        assertEquals(0.5, s.train().lr());
        assertEquals(List.of(4.0, 3.0, 2.0, 1.0, 0.5), s.task().eigenvalues());
        assertEquals(AxisScale.LINEAR, s.report().yAxis());
        assertEquals(OneLayerAttention.KeyQuery.SEPARATE, ((OneLayerAttention.Spec) s.model()).keyQuery());
    }

    @Test
    void resolvedConfigRoundTripsToAnEqualSpec() {
        ExperimentSpec s = ConfigYaml.parse("report:\n  references:\n    - {label: 'L*', value: 0.136}\n",
                "x.yaml", List.of("task.eigenvalues=[0.4, 0.3, 0.2, 0.1, 0.05]", "model.init=linear-paper"));
        String yaml = ConfigYaml.write(s);
        assertEquals(s, ConfigYaml.parse(yaml, "resolved.yaml", List.of()));
        assertTrue(yaml.contains("init: linear-paper"), yaml);
        assertTrue(yaml.contains("\n  n: 40\n") && !yaml.contains("\"n\""), "keys and integers unquoted: " + yaml);
        assertEquals(yaml, ConfigYaml.write(ConfigYaml.parse(yaml, "resolved.yaml", List.of())));
    }

    @Test
    void everyPresetLoadsAndRoundTrips() throws IOException {
        Path dir = Path.of("experiments");
        List<Path> presets;
        try (Stream<Path> s = Files.list(dir)) {
            presets = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(presets.size() >= 5, "presets: " + presets);
        for (Path p : presets) {
            ExperimentSpec s = ConfigYaml.load(p, List.of());
            assertEquals(s, ConfigYaml.parse(ConfigYaml.write(s), p.toString(), List.of()), p.toString());
        }
    }

    @Test
    void errorAfterOverrideOfAListElementPointsAtTheOverride() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigYaml.parse(
                "task:\n  eigenvalues: [1, 1, 1, 1, 1]\n", "x.yaml", List.of("task.eigenvalues=[1, -1, 1, 1, 1]")));
        assertTrue(e.getMessage().startsWith("--set task.eigenvalues="), e.getMessage());
    }
}
