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
        BenchCommand shape = new BenchCommand();
        CommandLines.kebabEnums(new CommandLine(shape)).parseArgs("--preset-shape", "he25");
        assertEquals(org.icldynamics.experiment.bench.PresetShapeBenchmark.Shape.HE25, shape.presetShape);
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
    void probeAblationTakesTheSameSpellingAndEveryEnumOptionShowsKebabWords() {
        ProbeCommand p = new ProbeCommand();
        CommandLines.kebabEnums(new CommandLine(p)).parseArgs("--ablation", "MEAN", "run-dir");
        assertEquals(org.icldynamics.experiment.inspect.SparseProbe.Ablation.MEAN, p.ablation);
        CommandLine main = new Main(org.icldynamics.experiment.TestParts::build).commandLine();
        java.util.List<String> upper = new java.util.ArrayList<>();
        collectUpperCaseDefaults(main, upper);
        assertEquals(java.util.List.of(), upper, "enum options whose default or help is not in kebab words");
    }

    /** Enum options whose default value is spelled in upper case (the help then shows it so). */
    private static void collectUpperCaseDefaults(CommandLine cl, java.util.List<String> out) {
        for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
            if (o.type().isEnum() && o.defaultValue() != null && !o.defaultValue().equals(
                    o.defaultValue().toLowerCase(java.util.Locale.ROOT))) {
                out.add(cl.getCommandName() + " " + o.longestName() + " = " + o.defaultValue());
            }
        }
        cl.getSubcommands().values().forEach(c -> collectUpperCaseDefaults(c, out));
    }

    @Test
    void theMainCommandLineAcceptsKebabEnumsInSubcommands() {
        CliRunner r = CliRunner.run("algorithms", "--preprocess", "cube");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("'cube' is not one of identity, abs, square"), r.err());
    }
}
