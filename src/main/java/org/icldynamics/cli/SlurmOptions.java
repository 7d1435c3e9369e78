package org.icldynamics.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.icldynamics.experiment.figure.FigurePreset;
import org.icldynamics.experiment.figure.FigureSlurm;
import org.icldynamics.experiment.figure.Variant;
import org.icldynamics.experiment.study.SlurmSweep;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The Slurm options {@code icl sweep}, {@code icl figure} and {@code icl reproduce} share ({@code --slurm},
 * {@code --partition}, {@code --time}, {@code --cpus-per-task}, {@code --runs-per-task}), and the command that starts
 * this same icl on a node.
 */
final class SlurmOptions {
    @Option(names = "--slurm", description = "submit a Slurm job array instead of running here")
    boolean slurm;

    @Option(names = "--partition", paramLabel = "P", description = "with --slurm: the partition")
    String partition;

    @Option(names = "--time", paramLabel = "T", description = "with --slurm: time limit per array task")
    String time;

    @Option(names = "--cpus-per-task", paramLabel = "C", description = "with --slurm: cores per task (default: 1)")
    int cpusPerTask = 1;

    @Option(names = "--runs-per-task", paramLabel = "K", description = "with --slurm: runs per array task, one JVM "
            + "(default: 8)")
    int runsPerTask = 8;

    /** The options as the array's shape (checks the counts). */
    SlurmSweep array() {
        return new SlurmSweep(partition, time, cpusPerTask, runsPerTask);
    }

    /**
     * {@code icl figure --slurm} and {@code icl reproduce --all --slurm}: submits the runs of {@code presets} that are
     * not finished under {@code out} as one job array, prints its id and how to draw once it is done.
     */
    int submitFigures(List<FigurePreset> presets, Variant variant, Path out, CommandSpec spec) throws Exception {
        SlurmSweep array = array();
        List<FigureSlurm.Pending> runs = FigureSlurm.pending(presets, variant, out);
        String again = withoutSlurm(spec);
        if (runs.isEmpty()) {
            System.err.println("icl: every run is finished already; '" + again + "' draws");
            return Main.OK;
        }
        String id = FigureSlurm.submit(array, runs, out, launcher(), Path.of("").toAbsolutePath());
        System.out.println(id);
        System.err.printf(Locale.ROOT, "icl: submitted job %s: %d array tasks for the %d runs not yet finished "
                + "(logs in %s); once it is done, '%s' reuses them and draws%n", id, array.tasks(runs.size()),
                runs.size(), out.resolve("slurm"), again);
        return Main.OK;
    }

    /** The command as typed, without {@code --slurm} and its options. */
    static String withoutSlurm(CommandSpec spec) {
        Set<String> valued = Set.of("--partition", "--time", "--cpus-per-task", "--runs-per-task");
        List<String> args = spec.root().commandLine().getParseResult().originalArgs();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--slurm") || valued.stream().anyMatch(v -> a.startsWith(v + "="))) {
                continue;
            }
            if (valued.contains(a)) {
                i++;
                continue;
            }
            kept.add(a.matches("[\\w@%+=:,./\\[\\]{}-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return "icl " + String.join(" ", kept);
    }

    /** Cores of a worker: {@code threads} when given, else {@code SLURM_CPUS_PER_TASK}, else 1. */
    static int workerCores(int threads) {
        return threads > 0 ? threads : Integer.parseInt(System.getenv().getOrDefault("SLURM_CPUS_PER_TASK", "1"));
    }

    /** The command that starts this same icl on a node: this JVM, its module flags, class path and main class. */
    static List<String> launcher() {
        List<String> l = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Djava.awt.headless=true"));
        if (System.getProperty("icl.home") != null) {
            l.add("-Dicl.home=" + System.getProperty("icl.home"));
        }
        l.addAll(List.of("-cp", absoluteClassPath()));
        l.add(Main.class.getName());
        return l;
    }

    private static String absoluteClassPath() {
        List<String> parts = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            parts.add(p.endsWith("*") ? Path.of(p.substring(0, p.length() - 1)).toAbsolutePath() + "/*"
                    : Path.of(p).toAbsolutePath().toString());
        }
        return String.join(java.io.File.pathSeparator, parts);
    }
}
