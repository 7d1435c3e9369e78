package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.experiment.TestParts;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code icl --help} and every subcommand's {@code --help} print their usage and nothing else: no picocli WARN. */
class HelpWarningsTest {
    @Test
    void everyHelpPrintsUsageWithoutAWarning() {
        List<List<String>> paths = new ArrayList<>();
        collect(new Main(TestParts::build).commandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() > 12, "the root, every subcommand and the theory subcommands: " + paths);
        for (List<String> path : paths) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            CliRunner r = CliRunner.run(args.toArray(String[]::new));
            String shown = "icl " + String.join(" ", args);
            assertEquals(0, r.exit(), shown + ": " + r.err());
            assertTrue(r.out().startsWith("Usage: icl"), shown + ": " + r.out());
            assertFalse(r.out().contains("WARN") || r.err().contains("WARN"), shown + ": " + r.err() + r.out());
            assertEquals("", r.err(), shown);
        }
    }

    @Test
    void usageErrorsNameTheRealCommand() {
        CliRunner none = CliRunner.run();
        assertEquals(Main.USAGE, none.exit());
        assertEquals("icl: error: a command is required (see icl --help)", none.err().strip());
        CliRunner nested = CliRunner.run("theory", "dgd", "--no-such-option");
        assertEquals(Main.USAGE, nested.exit());
        assertTrue(nested.err().strip().endsWith("(see icl theory dgd --help)"), nested.err());
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(List.copyOf(path));
        for (var e : cl.getSubcommands().entrySet()) {
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            collect(e.getValue(), p, out);
        }
    }
}
