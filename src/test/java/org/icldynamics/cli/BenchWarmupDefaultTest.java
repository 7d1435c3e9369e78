package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.icldynamics.config.ConfigException;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code icl bench --warmup}: 300 untimed steps by default, 3000 for a preset's shape, the given count always; sizes
 * and counts out of range are usage errors naming the option.
 */
class BenchWarmupDefaultTest {
    private static int warmup(String... args) {
        BenchCommand c = new BenchCommand();
        CommandLines.kebabEnums(new CommandLine(c)).parseArgs(args);
        return c.warmupSteps();
    }

    @Test
    void presetShapeWarmsUpLongerUnlessTold() {
        assertEquals(300, warmup());
        assertEquals(300, warmup("--scaling"));
        assertEquals(3000, warmup("--preset-shape", "he25"));
        assertEquals(150, warmup("--preset-shape", "he25", "--warmup", "150"));
        assertEquals(0, warmup("--warmup", "0"));
    }

    @Test
    void outOfRangeOptionsAreUsageErrorsNamingTheOption() {
        String[][] bad = {{"--threads", "0"}, {"--threads", "2,-1"}, {"--b", "0"}, {"--n", "-1"}, {"--d", "0"},
            {"--heads", "0"}, {"--steps", "0"}, {"--torch-steps", "0"}, {"--warmup", "-5"}, {"--rounds", "0"}};
        for (String[] args : bad) {
            BenchCommand c = new BenchCommand();
            CommandLines.kebabEnums(new CommandLine(c)).parseArgs(args);
            ConfigException e = assertThrows(ConfigException.class, c::checkOptions, String.join(" ", args));
            assertEquals(args[0], e.getMessage().substring(0, args[0].length()), e.getMessage());
        }
        for (String only : new String[] {"--transformer", "--peak", "--tiny-runs=5", "--preset-shape=he25"}) {
            BenchCommand c = new BenchCommand();
            CommandLines.kebabEnums(new CommandLine(c)).parseArgs("--rounds", "2", only);
            ConfigException e = assertThrows(ConfigException.class, c::checkOptions, only);
            assertEquals("--rounds 2: applies to the W rows and to --scaling, not to " + only.split("=")[0],
                    e.getMessage());
        }
        BenchCommand ok = new BenchCommand();
        CommandLines.kebabEnums(new CommandLine(ok)).parseArgs("--n", "0", "--warmup", "0", "--threads", "1,2", "--rounds", "3");
        ok.checkOptions();
        BenchCommand scaling = new BenchCommand();
        CommandLines.kebabEnums(new CommandLine(scaling)).parseArgs("--scaling", "--rounds", "3");
        scaling.checkOptions();
    }
}
