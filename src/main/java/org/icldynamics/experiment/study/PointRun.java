package org.icldynamics.experiment.study;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.run.ExperimentRun;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.run.RunDirectory;
import org.icldynamics.experiment.run.RunSummary;
import org.icldynamics.train.RunStatus;
import org.icldynamics.train.TrainingListener;

/**
 * Brings one run directory to its end through the ordinary run lifecycle ({@link ExperimentRun#create},
 * {@link ExperimentRun#resume}): a finished run (completed or diverged) is reused, an interrupted or killed one
 * resumed from its newest checkpoint, a missing one created. A directory holding another config is an error, never
 * overwritten, and so is a finished run drawn with another data stream version. While it works on a run it holds an
 * OS file lock next to it ({@code .ID.lock}), so two processes (two sweeps, or a sweep and a Slurm task) never train
 * the same run at once; the OS drops the lock when a process dies, even by {@code kill -9}.
 */
public final class PointRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a run ended. */
    public enum Result { REUSED, COMPLETED, DIVERGED, INTERRUPTED, BUSY }

    private PointRun() {
    }

    /**
     * @param root the run directory
     * @param identity the config that names the run (compared with the directory's, {@code train.threads} aside)
     * @param spec the config to train with (the identity with this process's thread count)
     * @param command the command line recorded in the provenance
     */
    public static Result ensure(Path root, ExperimentSpec identity, ExperimentSpec spec, String command,
                                Function<ExperimentSpec, ExperimentParts> factory, TrainingListener progress,
                                BooleanSupplier stop) throws IOException {
        Files.createDirectories(root.toAbsolutePath().getParent());
        Path lockFile = root.resolveSibling("." + root.getFileName() + ".lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                return Result.BUSY;
            }
            try {
                return ensureLocked(root, identity, spec, command, factory, progress, stop);
            } finally {
                lock.release();
            }
        }
    }

    private static Result ensureLocked(Path root, ExperimentSpec identity, ExperimentSpec spec, String command,
                                       Function<ExperimentSpec, ExperimentParts> factory, TrainingListener progress,
                                       BooleanSupplier stop) throws IOException {
        RunDirectory rd = new RunDirectory(root);
        ExperimentRun run;
        if (Files.exists(rd.config())) {
            ExperimentSpec existing = ConfigYaml.loadRun(rd.config(),
                    List.of("train.threads=" + identity.train().threads()));
            if (!existing.equals(identity)) {
                throw new ConfigException(root + ": holds a run with a different config; remove it or choose "
                        + "another --out");
            }
            if (!Files.exists(rd.provenance())) {
                deleteTree(root); // this run, killed while its directory was being created: nothing trained yet
            }
        }
        if (Files.exists(rd.config())) {
            if (finished(root)) {
                return Result.REUSED;
            }
            // interrupted, killed, failed (a full disk, once fixed) or with a summary that no longer parses: on from
            // the newest checkpoint, which writes the summary again
            run = ExperimentRun.resume(root, command, factory);
        } else {
            run = ExperimentRun.create(root, spec, command, factory);
        }
        RunSummary s = run.run(progress, stop);
        return switch (s.status()) {
            case COMPLETED -> Result.COMPLETED;
            case DIVERGED -> Result.DIVERGED;
            case INTERRUPTED, FAILED -> Result.INTERRUPTED;
        };
    }

    /**
     * The run's {@code summary.json}, or null when it has none (not finished, or never started); one that does not
     * parse is a {@link ConfigException} naming it.
     */
    public static RunSummary summary(Path root) throws IOException {
        Path f = new RunDirectory(root).summary();
        if (!Files.exists(f)) {
            return null;
        }
        try {
            return JSON.readValue(f.toFile(), RunSummary.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(f + ": does not parse (" + e.getOriginalMessage() + ")");
        }
    }

    /**
     * True when the run finished (completed or diverged): rerunning it would give the same files. A finished run
     * drawn with another data stream version is refused (one line, exit 2), so it is never reused beside new runs.
     */
    public static boolean finished(Path root) throws IOException {
        RunSummary s;
        try {
            s = summary(root);
        } catch (ConfigException e) {
            return false; // a damaged summary: the run is resumed from its newest checkpoint, which rewrites it
        }
        boolean done = s != null && (s.status() == RunStatus.COMPLETED || s.status() == RunStatus.DIVERGED);
        if (done) {
            ExperimentRun.requireCurrentDataStream(root);
        }
        return done;
    }

    /**
     * Why a run that has a directory but is not finished is resumed, for the log line: its summary no longer parses,
     * or it failed (the summary's message); null for an interrupted or killed run, or one without a summary.
     */
    public static String resumeReason(Path root) {
        try {
            RunSummary s = summary(root);
            return s != null && s.status() == RunStatus.FAILED ? "it " + s.message() : null;
        } catch (ConfigException | IOException e) {
            return "its summary.json does not parse";
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
