package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.icldynamics.experiment.TestParts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code ./icl ...} line of README's {@code ```bash} blocks, run in-process through the shipped CLI in a short
 * variant, so README cannot go stale silently. A command added to README later is picked up by itself: it runs as
 * written, with its paths moved into a temporary directory, the per-subcommand short variant of {@link #SHORT}
 * appended, and {@code --out} added where the subcommand has one. A command that cannot run here in seconds goes into
 * {@link #PARSE_ONLY} (its arguments are still parsed against the real options) or {@link #SKIP}, each with a reason.
 */
class ReadmeCommandsTest {
    /** Arguments appended to make a subcommand short; a later {@code --set} wins over the README's own. */
    static final Map<String, List<String>> SHORT = Map.of(
            "run", List.of("--set", "train.steps=200", "--set", "train.evalEvery=100", "--set",
                    "train.checkpointEvery=100", "--set", "eval.prompts=1000", "--set", "train.threads=1"),
            "figure", List.of("--quick"));

    /** Commands (by their leading arguments) that are only parsed, not run, and why. */
    static final Map<String, String> PARSE_ONLY = Map.of(
            "reproduce", "every preset: about 40 minutes in full and over a minute quick; each preset's quick variant "
                    + "already runs in QuickFigureGoldenTest",
            "figure NAME", "NAME is a placeholder, and --update-golden rewrites checked-in golden files on purpose",
            "serve", "serves until stopped",
            "sweep experiments/studies/he25-heads-seeds.yaml --slurm", "submits a job array to the cluster; "
                    + "SlurmSweepTest runs a small study on the local cluster",
            "sweep experiments/studies/he25-heads-seeds.yaml --set", "72 runs; SweepCommandTest runs small studies "
                    + "end to end",
            "sweep --status", "reads the study the (parsed-only) sweep above would write; SweepCommandTest covers it",
            "bench", "times the kernels for about a minute and calls PyTorch");

    /** Lines of the README's blocks that are not icl subcommands, and why they are not run here. */
    static final Map<String, String> SKIP = Map.of(
            "test", "the launcher's own test command (mvn test): this suite is what it runs");

    /**
     * Longest a short variant may take before the test asks for a rewrite: it only stops commands that never end (a
     * server) from hanging the suite; idle, every short variant takes seconds, but on a shared 2-core machine under
     * load a quick figure has taken minutes.
     */
    static final long TIMEOUT_SECONDS = 1200;

    @TempDir
    Path tmp;

    @Test
    void everyReadmeCommandRunsInItsShortVariant() throws Exception {
        List<List<String>> commands = commands(Files.readString(Path.of("README.md")));
        assertTrue(commands.size() >= 10, "README's bash blocks hold at least the ten quick-start commands: " + commands);
        CommandLine parser = new Main(TestParts::build).commandLine();
        int ran = 0;
        for (int i = 0; i < commands.size(); i++) {
            List<String> args = commands.get(i);
            String shown = "./icl " + String.join(" ", args);
            if (reason(SKIP, args) != null) {
                continue;
            }
            List<String> runnable = shortVariant(parser, args, i);
            if (reason(PARSE_ONLY, args) != null) {
                parser = new Main(TestParts::build).commandLine();
                try {
                    parser.parseArgs(runnable.toArray(String[]::new));
                } catch (CommandLine.ParameterException e) {
                    fail(shown + ": no longer parses: " + e.getMessage());
                }
                continue;
            }
            CliRunner r = runWithTimeout(shown, runnable);
            assertEquals(0, r.exit(), shown + " (run as " + runnable + "): " + r.err());
            assertFalse(r.err().contains("WARN") || r.err().contains("Exception"), shown + ": " + r.err());
            ran++;
        }
        assertTrue(ran >= 7, "most README commands run, not only parse: " + ran);
    }

    @Test
    void parserSplitsBlocksIntoCommandsAndDropsCommentsAndOtherLines() {
        String md = "text\n```bash\n./icl run a.yaml --set 'x=[1, 2]'   # note\nls runs\n"
                + "ICL_JAVA_OPTS=-Xmx1g ./icl bench \\\n  --quick && echo done\n```\n```\n./icl no\n```\n";
        assertEquals(List.of(List.of("run", "a.yaml", "--set", "x=[1, 2]"), List.of("bench", "--quick")),
                commands(md));
    }

    /** The arguments of every {@code ./icl} line in the {@code ```bash} blocks of {@code markdown}, in order. */
    static List<List<String>> commands(String markdown) {
        List<List<String>> out = new ArrayList<>();
        boolean inBash = false;
        StringBuilder line = new StringBuilder();
        for (String raw : markdown.split("\n", -1)) {
            if (raw.startsWith("```")) {
                inBash = !inBash && raw.strip().equals("```bash");
                continue;
            }
            if (!inBash) {
                continue;
            }
            if (raw.endsWith("\\")) {
                line.append(raw, 0, raw.length() - 1).append(' ');
                continue;
            }
            line.append(raw);
            List<String> words = words(line.toString());
            line.setLength(0);
            while (!words.isEmpty() && words.get(0).matches("[A-Z_][A-Z0-9_]*=.*")) {
                words.remove(0); // an environment prefix
            }
            if (!words.isEmpty() && words.get(0).equals("./icl")) {
                out.add(List.copyOf(words.subList(1, words.size())));
            }
        }
        return out;
    }

    /** Shell words of one line up to a comment or a control operator; single and double quotes group. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                w = w == null ? new StringBuilder() : w;
            } else if (Character.isWhitespace(c)) {
                if (w != null) {
                    out.add(w.toString());
                    w = null;
                }
            } else if ((c == '#' && w == null) || c == '|' || c == '&' || c == ';' || c == '>' || c == '<') {
                break;
            } else {
                w = w == null ? new StringBuilder() : w;
                w.append(c);
            }
        }
        if (w != null) {
            out.add(w.toString());
        }
        return out;
    }

    /** The reason listed for the longest key of {@code table} that {@code args} start with, or null. */
    static String reason(Map<String, String> table, List<String> args) {
        String joined = String.join(" ", args) + " ";
        return table.entrySet().stream().filter(e -> joined.startsWith(e.getKey() + " "))
                .max(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(String::length)))
                .map(Map.Entry::getValue).orElse(null);
    }

    /**
     * {@code args} with every relative path that does not exist here moved under the temporary directory, an
     * {@code --out} added where the subcommand has one, and its {@link #SHORT} arguments appended.
     */
    List<String> shortVariant(CommandLine parser, List<String> args, int index) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean value = i > 0 && args.get(i - 1).equals("--out");
            boolean path = !a.startsWith("-") && !a.contains("=") && a.contains("/") && !Files.exists(Path.of(a));
            out.add(value || path ? tmp.resolve(a).toString() : a);
        }
        String sub = args.isEmpty() ? "" : args.get(0);
        CommandLine subcommand = parser.getSubcommands().get(sub);
        if (subcommand != null && subcommand.getCommandSpec().findOption("--out") != null && !args.contains("--out")) {
            out.add("--out");
            out.add(tmp.resolve(sub + "-" + index).toString());
        }
        List<String> extra = SHORT.getOrDefault(sub, List.of());
        for (int i = 0; i < extra.size(); i++) {
            boolean flag = i + 1 == extra.size() || extra.get(i + 1).startsWith("--");
            if (!(flag && out.contains(extra.get(i)))) {
                out.add(extra.get(i));
            }
        }
        return out;
    }

    private static CliRunner runWithTimeout(String shown, List<String> args) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<CliRunner> f = pool.submit(() -> CliRunner.runReal(args.toArray(String[]::new)));
            try {
                return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                f.cancel(true);
                throw new AssertionError(shown + ": its short variant " + args + " ran over " + TIMEOUT_SECONDS
                        + " s; add a shorter variant to ReadmeCommandsTest.SHORT, or a PARSE_ONLY entry with its reason");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
