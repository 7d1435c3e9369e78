package org.icldynamics.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.icldynamics.config.ConfigException;

/** What the YAML layer refuses, each with the file and line (or the --set override) and the key. */
class ConfigStrictnessTest {
    private static String error(String yaml, String... sets) {
        ConfigException e = assertThrows(ConfigException.class, () -> {
            if (yaml.isEmpty() && sets.length > 0) {
                ConfigYaml.defaults(List.of(sets));
            } else {
                ConfigYaml.parse(yaml, "c.yaml", List.of(sets));
            }
        });
        assertTrue(e.getMessage().length() <= ConfigException.MAX_LENGTH, e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aDuplicateSectionIsAnErrorNotAReplacement() {
        assertEquals("c.yaml:4: model: section given twice (first at c.yaml:1); merge the two into one",
                error("model:\n  rank: 1\n  heads: 2\nmodel:\n  heads: 3\n"));
    }

    @Test
    void aDuplicateKeyIsAnErrorNotLastWins() {
        assertEquals("c.yaml:3: train.lr: key given twice (first at c.yaml:2); merge the two into one",
                error("train:\n  lr: 0.1\n  lr: 0.2\n"));
    }

    @Test
    void aSecondDocumentIsAnError() {
        String m = error("seed: 1\n---\nseed: 2\n");
        assertTrue(m.startsWith("c.yaml:3: a second YAML document"), m);
    }

    @Test
    void emptyAndCommentOnlyFilesAreErrors() {
        for (String text : new String[] {"", "# nothing here\n", "\n\n", "---\n"}) {
            assertTrue(error(text).startsWith("c.yaml:1: the config file is empty"), text);
        }
    }

    @Test
    void nanAndInfinityAreReadAsNumbersAndRejectedByTheRangeChecks() {
        assertEquals("c.yaml:2: train.lr = NaN: must be a finite number > 0", error("train:\n  lr: .nan\n"));
        assertEquals("c.yaml:2: train.lr = Infinity: must be a finite number > 0", error("train:\n  lr: .inf\n"));
        assertEquals("c.yaml:2: task.noise = -Infinity: must be a finite number >= 0", error("task:\n  noise: -.inf\n"));
        String m = error("", "train.beta1=.NaN");
        assertTrue(m.startsWith("--set train.beta1=.NaN: train.beta1 = NaN: must be in"), m);
    }

    @Test
    void integerKeysTakeIntegersWithinTheirRangesOnly() {
        assertEquals("c.yaml:2: train.steps = 1.0E308: must be an integer between -2^53 and 2^53",
                error("train:\n  steps: 1e308\n"));
        assertEquals("c.yaml:1: seed = 1.0E308: must be an integer between -2^53 and 2^53", error("seed: 1e308\n"));
        assertEquals("c.yaml:1: seed = 99999999999999999999: must be an integer between -2^53 and 2^53",
                error("seed: 99999999999999999999\n"));
        assertEquals("c.yaml:2: train.batch = 2147483648: must be an integer between -2147483648 and 2147483647",
                error("train:\n  batch: 2147483648\n"));
        assertEquals("c.yaml:2: model.heads = 2.5: must be an integer between -2147483648 and 2147483647",
                error("model:\n  heads: 2.5\n"));
        assertEquals(20000, ConfigYaml.parse("train:\n  steps: 2e4\n", "c.yaml", List.of()).train().steps(),
                "an exact whole number in exponent form is an integer");
    }

    @Test
    void aHugeValueIsCutInTheMessage() {
        String huge = "x".repeat(100_000);
        String m = error("train:\n  optimizer: " + huge + "\n");
        assertTrue(m.startsWith("c.yaml:2: train.optimizer = 'xxx") && m.contains("(100002 characters)")
                && m.endsWith("must be one of gd, sgd, adam, flow"), m);
        String s = error("", "train.optimizer=" + huge);
        assertTrue(s.startsWith("--set train.optimizer=xxx") && s.contains("must be one of"), s);
        String key = error("k".repeat(1000) + ": 1\n"); // YAML allows keys up to 1024 characters
        assertTrue(key.startsWith("c.yaml:1: kkk") && key.contains("(1000 characters): unknown key"), key);
    }

    @Test
    void divergenceDefaultsToTenThousandAndInfinityRoundTrips() {
        assertEquals(1e4, ConfigYaml.defaults(List.of()).train().divergence());
        ExperimentSpec off = ConfigYaml.defaults(List.of("train.divergence=.inf"));
        assertEquals(Double.POSITIVE_INFINITY, off.train().divergence());
        assertEquals(off, ConfigYaml.parse(ConfigYaml.write(off), "resolved.yaml", List.of()));
        String m = error("", "train.divergence=1");
        assertTrue(m.contains("train.divergence = 1: must be a number > 1"), m);
    }
}
