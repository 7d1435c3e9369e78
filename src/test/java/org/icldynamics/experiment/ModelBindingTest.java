package org.icldynamics.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.icldynamics.config.ConfigException;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.CubicFeatureNetwork;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.model.ParameterBlock;
import org.icldynamics.model.Transformer;
import org.junit.jupiter.api.Test;

/** {@code model:} binds straight to the spec record its {@code architecture} names; words resolve in one place. */
class ModelBindingTest {
    private static ExperimentSpec parse(String yaml) {
        return ConfigYaml.parse(yaml, "m.yaml", List.of());
    }

    private static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void eachArchitectureBindsToItsOwnSpecRecordAndWritesItsWordFirst() {
        assertInstanceOf(OneLayerAttention.Spec.class, parse("seed: 1\n").model());
        ExperimentSpec t = parse("model:\n  architecture: transformer\n  heads: 4\n  width: 8\n");
        Transformer.Spec ts = assertInstanceOf(Transformer.Spec.class, t.model());
        assertEquals(4, ts.heads());
        assertEquals(8, ts.width());
        ExperimentSpec c = parse("model:\n  architecture: Cubic_Feature\n  heads: 3\n  init: gaussian\n");
        assertEquals(3, assertInstanceOf(CubicFeatureNetwork.Spec.class, c.model()).heads());
        for (ExperimentSpec s : List.of(t, c)) {
            String yaml = ConfigYaml.write(s);
            String model = yaml.substring(yaml.indexOf("\nmodel:\n") + 8);
            assertTrue(model.startsWith("  architecture: " + s.model().architecture() + "\n"), yaml);
            assertEquals(s, parse(yaml));
        }
    }

    @Test
    void fullRankAndDefaultTemperatureStayWordsUntilTheTokenWidthResolvesThem() {
        ExperimentSpec s = parse("task:\n  d: 4\nmodel:\n  keyQuery: separate\n  rank: full\n  temperature: default\n");
        OneLayerAttention.Spec a = assertInstanceOf(OneLayerAttention.Spec.class, s.model());
        assertEquals(OptionalInt.empty(), a.rank());
        assertEquals(OptionalDouble.empty(), a.temperature());
        assertEquals(5, a.rank(5));
        assertEquals(1.0 / Math.sqrt(5), a.temperature(5), 0.0);
        try (BlockParallel p = BlockParallel.serial()) {
            OneLayerAttention m = a.build(4, 1, 10, new RandomStreams(1), p);
            ParameterBlock key = m.blocks().stream().filter(b -> b.name().equals("head0.key")).findFirst()
                    .orElseThrow();
            assertEquals(List.of(5, 5), java.util.Arrays.stream(key.shape()).boxed().toList());
        }
        Transformer.Spec t = assertInstanceOf(Transformer.Spec.class, parse(
                "model:\n  architecture: transformer\n  heads: 4\n  width: 8\n  temperature: default\n").model());
        assertEquals(1.0 / Math.sqrt(2), t.softmaxTemperature(), 0.0);
    }

    @Test
    void theSpecsOwnChecksNameTheFileAndLineOfTheKey() {
        assertTrue(error("task:\n  d: 3\nmodel:\n  keyQuery: separate\n  rank: 5\n").startsWith(
                "m.yaml:5: model.rank = 5: must be at most the token width D = d + tasks = 4"), "rank");
        assertTrue(error("model:\n  architecture: transformer\n  heads: 3\n  width: 8\n").startsWith(
                "m.yaml:4: model.width = 8: must be a multiple of heads = 3"), "width");
        assertTrue(error("model:\n  heads: 0\n").startsWith("m.yaml:2: model.heads = 0: must be >= 1"), "heads");
        assertTrue(error("model:\n  temperature: 0\n").startsWith("m.yaml:2: model.temperature = 0: must be "
                + "a finite number > 0"), "temperature");
        assertTrue(error("model:\n  init: equivalent-to\n").startsWith("m.yaml:2: model.init = 'equivalent-to': "
                + "must be used with architecture: cubic-feature"), "init");
    }

    @Test
    void unknownKeysAndArchitecturesAreNamedWithWhatIsAllowed() {
        String typo = error("model:\n  head: 2\n");
        assertTrue(typo.startsWith("m.yaml:2: model.head: unknown key; allowed in model: architecture, heads, rank"),
                typo);
        assertTrue(typo.endsWith("(did you mean heads?)"), typo);
        assertTrue(error("model:\n  architecture: mamba\n").startsWith("m.yaml:2: model.architecture = 'mamba': "
                + "must be one of attention, cubic-feature, transformer"), "architecture");
    }
}
