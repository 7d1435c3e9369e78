package org.icldynamics.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.study.RunComparison;
import org.icldynamics.experiment.study.RunIndexFile;
import org.icldynamics.experiment.study.RunQuery;
import org.icldynamics.experiment.study.RunTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code icl runs list|compare|export}: the run index over run directories (and study directories) below DIR. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List, compare and export runs through the run index (DIR/.icl-runs.duckdb, a cache of the "
                + "run directories, updated on every use).",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.CompareRuns.class, RunsCommand.ExportRuns.class})
final class RunsCommand implements Runnable {
    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required: list, compare or "
                + "export");
    }

    /** Loads every DIR (a run directory, or a tree of them) into one table; missing DIR is a usage error. */
    static RunTable load(List<Path> dirs, boolean withMetrics) throws Exception {
        RunTable t = withMetrics ? RunTable.open() : RunTable.openSummaries();
        try {
            int read = 0;
            int unchanged = 0;
            for (Path d : dirs) {
                if (!Files.isDirectory(d)) {
                    throw new ConfigException(d + ": no such directory");
                }
                RunIndexFile.UpdateStats s = t.add(d);
                for (String why : s.skipped()) {
                    System.err.println("icl runs: left out " + why);
                }
                read += s.read();
                unchanged += s.unchanged();
            }
            System.err.println("icl runs: " + t.size() + " runs (" + read + " run directories read, " + unchanged
                    + " unchanged)");
            return t;
        } catch (Exception e) {
            t.close();
            throw e;
        }
    }

    /** The run directories, or trees of them, that {@code list} and {@code export} read. */
    static final class RunTrees {
        @Parameters(paramLabel = "DIR", arity = "0..*", description = "run directories or trees of them "
                + "(default: runs)")
        List<Path> dirs = new ArrayList<>();

        RunTable load(boolean metrics) throws Exception {
            return RunsCommand.load(dirs.isEmpty() ? List.of(Path.of("runs")) : dirs, metrics);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "One line per run: summary fields and the config keys that differ between the runs.")
    static final class ListRuns implements Callable<Integer> {
        @Mixin
        RunTrees dirs;

        @Option(names = "--where", paramLabel = "CONDITION",
                description = "SQL condition; dotted keys may be bare, e.g. \"model.heads >= 4 AND status = "
                        + "'completed'\"")
        String where;

        @Option(names = "--sort", paramLabel = "KEY", description = "sort by a key or summary field, e.g. "
                + "final_eval_loss (default: run)")
        String sort;

        @Option(names = "--desc", description = "sort descending")
        boolean desc;

        @Option(names = "--keys", paramLabel = "KEY", split = ",",
                description = "config keys to show (default: those that differ between the listed runs)")
        List<String> keys;

        @Override
        public Integer call() throws Exception {
            try (RunTable t = dirs.load(false)) {
                RunQuery q = t.query();
                List<String> shown = keys != null ? keys : q.varyingKeys(where);
                System.out.print(render(q.list(where, sort, desc, shown)));
            }
            return Main.OK;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "Two runs side by side: config keys that differ, summaries, metrics at common steps.")
    static final class CompareRuns implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "A", description = "a run directory")
        Path a;

        @Parameters(index = "1", paramLabel = "B", description = "another run directory")
        Path b;

        @Option(names = "--rows", paramLabel = "N", defaultValue = "12",
                description = "metric rows shown, first and last included (default: ${DEFAULT-VALUE})")
        int rows;

        @Override
        public Integer call() throws Exception {
            System.out.print(RunComparison.of(a, b).render(rows));
            return Main.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "One long metrics table (run, step, t, losses, status, every config key as a column).")
    static final class ExportRuns implements Callable<Integer> {
        @Mixin
        RunTrees dirs;

        @Option(names = "--format", paramLabel = "FORMAT", description = "parquet or csv (default: from --out's "
                + "extension, else parquet)")
        String format;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "the file to write")
        Path out;

        @Option(names = "--where", paramLabel = "CONDITION", description = "only the runs matching this condition")
        String where;

        @Override
        public Integer call() throws Exception {
            String f = format != null ? format
                    : out.toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "parquet";
            try (RunTable t = dirs.load(true)) {
                long n = t.query().export(out, f, where);
                System.out.println("wrote " + n + " rows to " + out);
            }
            return Main.OK;
        }
    }

    /** Rows as an aligned text table; numbers with 6 significant digits, null as "-". */
    static String render(RunQuery.Rows rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(rows.header().toArray(String[]::new));
        for (List<Object> r : rows.rows()) {
            String[] c = new String[r.size()];
            for (int i = 0; i < c.length; i++) {
                Object v = r.get(i);
                c[i] = v == null ? "-" : v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : v.toString();
            }
            cells.add(c);
        }
        int[] width = new int[cells.get(0).length];
        for (String[] r : cells) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (String[] r : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == 0 ? "" : "  ").append(String.format("%-" + width[i] + "s", r[i]));
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        return s.toString();
    }
}
