package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.icldynamics.estimator.PreprocessThenOptimizeEstimator.Preprocess;
import org.icldynamics.experiment.bench.BenchmarkSettings.PresetWorkloads;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Enum options take the config spelling: case-insensitive kebab, as YAML values do. */
class EnumOptionSpellingTest {
    @Test
    void lowerUpperAndMixedCaseAllParse() {
        for (String v : new String[] {"abs", "ABS", "Abs"}) {
            AlgorithmsCommand c = new AlgorithmsCommand();
            CommandLines.kebabEnums(new CommandLine(c)).parseArgs("--preprocess", v);
            assertEquals(Preprocess.ABS, c.preprocess, v);
        }
        BenchCommand b = new BenchCommand();
        CommandLines.kebabEnums(new CommandLine(b)).parseArgs("--presets", "small");
        assertEquals(PresetWorkloads.SMALL, b.presets);
    }

    @Test
    void defaultsStillApplyAndABadValueListsTheKebabNames() {
        AlgorithmsCommand c = new AlgorithmsCommand();
        CommandLine cl = CommandLines.kebabEnums(new CommandLine(c));
        cl.parseArgs();
        assertEquals(Preprocess.ABS, c.preprocess);
        CommandLine.ParameterException e = assertThrows(CommandLine.ParameterException.class,
                () -> cl.parseArgs("--preprocess", "cube"));
        assertTrue(e.getMessage().contains("'cube' is not one of identity, abs, square"), e.getMessage());
    }

    @Test
    void theMainCommandLineAcceptsKebabEnumsInSubcommands() {
        CliRunner r = CliRunner.run("algorithms", "--preprocess", "cube");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("'cube' is not one of identity, abs, square"), r.err());
    }
}
