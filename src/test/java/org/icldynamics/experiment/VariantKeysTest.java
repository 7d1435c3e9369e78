package org.icldynamics.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.icldynamics.config.ConfigException;
import org.icldynamics.config.ConfigSchema;
import org.icldynamics.config.SectionVariants;
import org.icldynamics.model.ModelSpec;
import org.icldynamics.model.Transformer;

/** Keys of another architecture, task kind or optimizer are rejected, naming both variants. */
class VariantKeysTest {
    private static final Map<String, Class<?>> SECTIONS = Map.of("model", ModelSpec.class, "task",
            TaskSection.class, "train", TrainSection.class);

    /** {@code section.key=<its default>}, or one leaf under it when the key is itself a section. */
    private static String assignment(String section, String name) {
        JsonNode def = ConfigYaml.defaultTree().root().get(section).get(name);
        String key = section + "." + name;
        if (def.isObject()) {
            String leaf = def.fieldNames().next();
            return key + "." + leaf + "=" + def.get(leaf);
        }
        return key + "=" + def.toString().replace("\"", "");
    }

    @Test
    void everyKeyOfAnotherVariantIsRejectedNamingBothVariants() {
        int checked = 0;
        for (var e : SECTIONS.entrySet()) {
            String section = e.getKey();
            String sel = SectionVariants.selector(e.getValue());
            for (String variant : SectionVariants.variants(e.getValue())) {
                for (String c : SectionVariants.allKeys(e.getValue())) {
                    if (SectionVariants.applies(e.getValue(), c, variant)) {
                        continue;
                    }
                    String set = assignment(section, c);
                    ConfigException ex = assertThrows(ConfigException.class, () -> ConfigYaml.defaults(
                            List.of(section + "." + sel + "=" + variant, set)), set);
                    String m = ex.getMessage();
                    assertTrue(m.startsWith("--set " + set + ": " + set.substring(0, set.indexOf('=')) + ": "), m);
                    assertTrue(m.contains("not by " + sel + " " + variant + " "), m);
                    List<String> owners = SectionVariants.variants(e.getValue()).stream()
                            .filter(v -> SectionVariants.applies(e.getValue(), c, v)).toList();
                    assertFalse(owners.isEmpty(), c);
                    for (String owner : owners) {
                        assertTrue(m.contains("read only by " + sel + " ") && m.contains(owner),
                                owner + " missing from: " + m);
                    }
                    assertTrue(m.contains(variant + " takes " + String.join(", ",
                            SectionVariants.keys(e.getValue(), variant))), m);
                    checked++;
                }
            }
        }
        // attention: 8 transformer keys; cubic-feature: 9 + 8; transformer: 7; sparse: 9; dense: 1; gd: 5;
        // sgd: 4; adam: 2; flow: 14 (with tailSteps, tailFactor, curriculum)
        // + 2: equivalentTo is read by cubic-feature only; - 1: init is read by cubic-feature too; + 1: supports is dense only
        assertEquals(8 + 17 + 7 + 9 + 1 + 5 + 4 + 2 + 14 + 2 - 1 + 1, checked);
    }

    @Test
    void keysOfTheSelectedVariantAreAccepted() {
        for (var e : SECTIONS.entrySet()) {
            for (String variant : SectionVariants.variants(e.getValue())) {
                for (String c : SectionVariants.keys(e.getValue(), variant)) {
                    List<String> sets = new ArrayList<>(List.of(e.getKey() + "." + SectionVariants.selector(
                            e.getValue()) + "=" + variant, assignment(e.getKey(), c)));
                    if (variant.equals("flow")) {
                        sets.add("train.data=fixed");
                    }
                    if (variant.equals("cubic-feature") && !c.equals("init")) {
                        sets.add("model.init=gaussian"); // the default init is attention's (CubicInitConfigTest)
                    } else if (variant.equals("cubic-feature")) {
                        continue;
                    }
                    ConfigYaml.defaults(sets);
                }
            }
        }
    }

    @Test
    void fileLineOfTheKeyAndOfTheSelectorAreNamed() {
        ConfigException ex = assertThrows(ConfigException.class, () -> ConfigYaml.parse(
                "model:\n  architecture: transformer\n  heads: 4\n  keyQuery: separate\n", "m.yaml", List.of()));
        assertTrue(ex.getMessage().startsWith("m.yaml:4: model.keyQuery: is read only by architecture attention, "
                + "not by architecture transformer (model.architecture from m.yaml:2)"), ex.getMessage());
    }

    @Test
    void resolvedConfigListsOnlyTheKeysOfItsVariants() {
        ExperimentSpec s = ConfigYaml.defaults(List.of("model.architecture=transformer", "model.heads=4"));
        String yaml = ConfigYaml.write(s);
        assertFalse(yaml.contains("keyQuery"), yaml);
        assertFalse(yaml.contains("momentum"), yaml);
        assertFalse(yaml.contains("sparsity"), yaml);
        assertTrue(yaml.contains("lossPositions"), yaml);
        assertEquals(s, ConfigYaml.parse(yaml, "resolved.yaml", List.of()));
    }

    @Test
    void aStoredRunListingEveryKeyStillLoads(@TempDir Path dir) throws IOException {
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, ConfigYaml.defaultsText().replace("architecture: attention",
                "architecture: transformer"));
        ExperimentSpec s = ConfigYaml.loadRun(config, List.of());
        assertInstanceOf(Transformer.Spec.class, s.model());
        assertEquals("transformer", s.model().architecture());
        assertThrows(ConfigException.class, () -> ConfigYaml.load(config, List.of()));
        // the init it lists (torch-uniform, attention's default) is no transformer's: its own scale is kept
        Files.writeString(config, ConfigYaml.defaultsText().replace("architecture: attention",
                "architecture: transformer").replace("  initScale: 0\n", "  initScale: 0.5\n"));
        assertEquals(0.5, ConfigYaml.loadRun(config, List.of()).model().initScale());
    }

    @Test
    void schemaListsTheKeysOfEveryArchitectureKindAndOptimizer() {
        String table = ConfigYaml.schema().table();
        assertTrue(table.contains("  model.architecture: transformer\n      heads, scores, normalisation, temperature, "
                + "initScale, loss, layers, width, headDim, mlp, mlpWidth, norm, layout, lossPositions\n"), table);
        assertTrue(table.contains("  train.optimizer: flow\n      batch, data, trainingSet, centring, whitening, "
                + "threads, flow, divergence\n"), table);
        assertTrue(table.contains("  task.kind: sparse\n      d, n, noise, queryNoise, tau2, sparsity\n"), table);
        assertEquals(3 + 2 + 4, ConfigYaml.schema().variantKeys().size());
        for (ConfigSchema.VariantKeys v : ConfigYaml.schema().variantKeys()) {
            String section = v.selector().substring(0, v.selector().indexOf('.'));
            for (String key : v.keys()) {
                assertTrue(ConfigYaml.schema().entries().stream().anyMatch(e -> e.key().equals(section + "." + key)
                        || e.key().startsWith(section + "." + key + ".")), key);
            }
        }
    }
}
