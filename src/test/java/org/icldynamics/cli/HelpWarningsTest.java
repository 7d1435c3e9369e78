package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.TestParts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code icl --help} and every subcommand's {@code --help} print their usage and nothing else: no picocli WARN. The
 * helps run in a child JVM, because picocli's tracer keeps the {@code System.err} of the moment its class loaded
 * (in this JVM, possibly another test's captured stream).
 */
class HelpWarningsTest {
    @TempDir
    Path tmp;

    @Test
    void everyHelpPrintsUsageAndNoWarningOnStderr() throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                HelpWarningsTest.class.getName());
        Process p = new ProcessBuilder(cmd).redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the child JVM finishes");
        String out = Files.readString(tmp.resolve("out"));
        List<String> err = Files.readAllLines(tmp.resolve("err")).stream()
                .filter(l -> !l.contains("Using incubator modules")).toList();
        assertEquals(0, p.exitValue(), out + err);
        assertEquals(List.of(), err, "nothing on stderr (picocli writes its WARN there)");
        assertTrue(!out.contains("WARN"), out);
        long usages = out.lines().filter(l -> l.startsWith("Usage: icl")).count();
        assertEquals(paths().size(), usages, "one usage per command");
        assertTrue(usages > 12, "the root, every subcommand and the theory subcommands: " + usages);
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

    /** Child JVM: {@code --help} of every command path; exit 1 when one of them does not exit 0. */
    public static void main(String[] args) {
        int worst = 0;
        for (List<String> path : paths()) {
            List<String> a = new ArrayList<>(path);
            a.add("--help");
            worst = Math.max(worst, new Main(ExperimentFactory::build).execute(a.toArray(String[]::new)));
        }
        System.out.flush();
        System.exit(worst == 0 ? 0 : 1);
    }

    /** Every command path: {@code []}, {@code [run]}, ..., {@code [theory, dgd]}, ... */
    static List<List<String>> paths() {
        List<List<String>> out = new ArrayList<>();
        collect(new Main(TestParts::build).commandLine(), new ArrayList<>(), out);
        return out;
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
