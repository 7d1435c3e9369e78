package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code icl bench --warmup}: 300 untimed steps by default, 3000 for a preset's shape, the given count always. */
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
}
