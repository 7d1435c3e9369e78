package org.icldynamics.experiment.figure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.study.PointRun;
import org.icldynamics.experiment.study.SlurmArrayJob;
import org.icldynamics.experiment.study.SlurmSweep;

/**
 * The runs of figure presets on Slurm ({@code icl figure NAME --slurm}, {@code icl reproduce --all --slurm}): the
 * runs not yet finished under {@code OUT} (each run once, even when several figures share it) are listed in
 * {@code OUT/slurm/runs-HASH.tsv} ({@code PRESET VARIANT RUN-ID} per line) and submitted as one job array through
 * {@link SlurmSweep}'s shape and {@link SlurmArrayJob}; task {@code i} runs lines {@code [iK, (i+1)K)} with
 * {@code icl figure --worker LIST --task i}, each through {@link FigureRunner#ensure}: the same run directory
 * ({@link FigureRunner#runRoot}) and config ({@link FigureRunner#spec}) as a local {@code icl figure}, which therefore
 * reuses them afterwards and only draws. Job ids are appended to {@code OUT/slurm/jobs}, task logs land in
 * {@code OUT/slurm/}.
 */
public final class FigureSlurm {
    private FigureSlurm() {
    }

    /** One run to train: the first preset (in the order given) that asks for it. */
    public record Pending(FigurePreset preset, Variant variant, RunRequest request) {
        String line() {
            return preset.id() + "\t" + variant.name().toLowerCase(Locale.ROOT) + "\t" + request.id();
        }
    }

    /** The runs of {@code presets} not yet finished under {@code out}, each run directory once. */
    public static List<Pending> pending(List<FigurePreset> presets, Variant variant, Path out) throws IOException {
        Map<Path, Pending> byRoot = new LinkedHashMap<>();
        for (FigurePreset p : presets) {
            for (RunRequest r : p.runs(variant)) {
                Path root = FigureRunner.runRoot(out, variant, r);
                if (!byRoot.containsKey(root) && !PointRun.finished(root)) {
                    byRoot.put(root, new Pending(p, variant, r));
                }
            }
        }
        return List.copyOf(byRoot.values());
    }

    /**
     * Submits {@code runs} (not empty) as one job array; returns the job id.
     *
     * @param launcher the command that starts {@code icl} on a node (java, its options, class path, main class)
     * @param workDir the tasks' working directory (where {@code experiments/} is found when {@code icl.home} is unset)
     */
    public static String submit(SlurmSweep array, List<Pending> runs, Path out, List<String> launcher, Path workDir)
            throws IOException {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to submit");
        }
        Path slurm = out.toAbsolutePath().normalize().resolve("slurm");
        String text = runs.stream().map(Pending::line).collect(Collectors.joining("\n", "", "\n"));
        Files.createDirectories(slurm);
        Path list = slurm.resolve("runs-" + sha12(text) + ".tsv");
        Files.writeString(list, text, StandardCharsets.UTF_8);
        List<String> cmd = new ArrayList<>(launcher);
        cmd.addAll(List.of("figure", "--worker", list.toString(), "--runs-per-task",
                Integer.toString(array.runsPerTask())));
        String line = cmd.stream().map(SlurmArrayJob::shellQuote).collect(Collectors.joining(" "))
                + " --task \"$SLURM_ARRAY_TASK_ID\"";
        SlurmArrayJob job;
        try {
            job = new SlurmArrayJob("icl-figures", array.partition(), array.time(), array.cpusPerTask(), 0,
                    array.tasks(runs.size()) - 1, 0, List.of(), slurm, workDir, line);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
        String id = job.submit(slurm.resolve("figures.sbatch"));
        Files.writeString(slurm.resolve(SlurmSweep.JOBS), id + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        return id;
    }

    /**
     * One array task: the lines {@code [task K, (task + 1) K)} of {@code list} (in {@code OUT/slurm/}), one after the
     * other on {@code threads} threads; returns how many failed (each logged).
     */
    public static int work(FigureRunner runner, Path list, int task, int runsPerTask, int threads,
                           BooleanSupplier stop, Consumer<String> log) throws IOException {
        Path out = list.toAbsolutePath().normalize().getParent().getParent();
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .toList();
        int[] range = SlurmSweep.range(task, runsPerTask, lines.size());
        int failed = 0;
        for (String l : lines.subList(range[0], range[1])) {
            String[] f = l.split("\t");
            if (f.length != 3) {
                throw new ConfigException(list + ": bad line '" + l + "' (PRESET VARIANT RUN-ID)");
            }
            FigurePreset preset = FigurePreset.named(f[0]);
            Variant v = Variant.valueOf(f[1].toUpperCase(Locale.ROOT));
            RunRequest r = preset.runs(v).stream().filter(q -> q.id().equals(f[2])).findFirst().orElseThrow(
                    () -> new ConfigException(list + ": preset " + f[0] + " has no " + f[1] + " run " + f[2]));
            try {
                runner.ensure(preset, v, out, r, threads, stop);
            } catch (RuntimeException e) {
                log.accept("run " + preset.id() + "/" + r.id() + " failed: " + e.getMessage());
                failed++;
            }
            if (stop.getAsBoolean()) {
                break;
            }
        }
        log.accept("worker " + range[0] + ".." + range[1] + ": " + (range[1] - range[0] - failed) + " of "
                + (range[1] - range[0]) + " runs without error");
        return failed;
    }

    private static String sha12(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
