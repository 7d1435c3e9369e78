package org.icldynamics.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.icldynamics.data.Task;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.model.HeadCircuit;
import org.icldynamics.model.Model;
import org.icldynamics.model.ParameterBlock;
import org.icldynamics.report.NpzReader;
import org.icldynamics.train.CheckpointFile;
import org.icldynamics.train.LogRecord;
import org.icldynamics.train.TrainingState;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;

/**
 * A finished (or interrupted) run read back from its {@link RunDirectory}: the config, the metrics, the snapshots, and
 * the model rebuilt through the factory with the parameters of any snapshot or of the final weights. The final
 * weights are the newest of the last snapshot (a completed run snapshots its last step) and the newest checkpoint.
 */
public final class RunReader {
    /** Prefix of parameter blocks in a snapshot (circuits are stored without it). */
    public static final String PARAM = "param.";

    private final RunDirectory dir;
    private final ExperimentSpec spec;
    private final Function<ExperimentSpec, ExperimentParts> factory;

    /**
     * @param factory builds the parts, normally {@code ExperimentFactory::build}
     * @throws ConfigException when {@code root} is not a run directory
     */
    public RunReader(Path root, Function<ExperimentSpec, ExperimentParts> factory) {
        this.dir = new RunDirectory(root);
        if (!Files.isRegularFile(dir.config())) {
            throw new ConfigException(root + ": not a run directory (no config.yaml)");
        }
        this.spec = ConfigYaml.loadRun(dir.config(), List.of());
        this.factory = factory;
    }

    public RunDirectory directory() {
        return dir;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    /** The run's name: its directory's name. */
    public String name() {
        Path f = dir.root().toAbsolutePath().normalize().getFileName();
        return f == null ? "run" : f.toString();
    }

    /** The logged rows of {@code metrics.csv} (empty when there is none). */
    public List<LogRecord> metrics() throws IOException {
        return Files.isRegularFile(dir.metrics()) ? MetricsLog.read(dir.metrics()) : List.of();
    }

    /** Steps of the snapshots, increasing. */
    public long[] snapshotSteps() throws IOException {
        return snapshotFiles().stream().mapToLong(RunReader::stepOf).toArray();
    }

    /** The arrays of the snapshot at {@code step} (parameter blocks, {@code head{h}.kq}, {@code head{h}.ov}). */
    public Map<String, NpzReader.Array> snapshot(long step) throws IOException {
        Path f = dir.snapshot(step);
        if (!Files.isRegularFile(f)) {
            throw new ConfigException(dir.root() + ": no snapshot at step " + step);
        }
        return NpzReader.read(f);
    }

    /** The effective circuits of the snapshot at {@code step}, in head order. */
    public List<HeadCircuit> circuits(long step) throws IOException {
        Map<String, NpzReader.Array> s = snapshot(step);
        List<HeadCircuit> out = new ArrayList<>();
        for (int h = 0; s.containsKey("head" + h + ".kq"); h++) {
            NpzReader.Array kq = s.get("head" + h + ".kq");
            NpzReader.Array ov = s.get("head" + h + ".ov");
            out.add(new HeadCircuit(h, kq.shape()[0], ov.shape()[0], kq.data(), ov.data()));
        }
        return out;
    }

    /** The prompt distribution of the run (the same as in training: same seed, same streams). */
    public Task task() {
        return ExperimentFactory.task(spec, new RandomStreams(spec.seed()));
    }

    /**
     * The model with the parameters of the snapshot at {@code step}; the caller closes the returned parts (they own a
     * thread pool).
     */
    public ExperimentParts partsAt(long step) throws IOException {
        ExperimentParts parts = factory.apply(spec);
        try {
            load(step, parts.model());
        } catch (IOException | RuntimeException e) {
            parts.close();
            throw e;
        }
        return parts;
    }

    /**
     * Overwrites the parameters of {@code model} (built from this run's config) with those of the snapshot at
     * {@code step}, block by block, so it predicts exactly like the model that was trained.
     */
    public void load(long step, Model model) throws IOException {
        load(snapshot(step), model, dir.snapshot(step).toString());
    }

    /**
     * Overwrites the parameters of {@code model} with the blocks of {@code snapshot} (arrays of a snapshot file),
     * block by block; a missing or mis-sized block is an error naming {@code source}.
     */
    public static void load(Map<String, NpzReader.Array> snapshot, Model model, String source) {
        double[] p = model.parameters();
        for (ParameterBlock b : model.blocks()) {
            NpzReader.Array a = snapshot.getOrDefault(PARAM + b.name(), snapshot.get(b.name()));
            if (a == null || a.data().length != b.size()) {
                throw new ConfigException(source + ": lacks parameter block " + b.name() + " of size "
                        + b.size() + " (was the run made with another config?)");
            }
            System.arraycopy(a.data(), 0, p, b.offset(), b.size());
        }
    }

    /** The parts of the run's config with untrained parameters (load snapshots into the model); caller closes. */
    public ExperimentParts parts() {
        return factory.apply(spec);
    }

    /** The step of the final weights: the newest of the last snapshot and the newest checkpoint; -1 when neither. */
    public long finalStep() throws IOException {
        long[] s = snapshotSteps();
        long snap = s.length == 0 ? -1 : s[s.length - 1];
        Path ckpt = latestCheckpoint();
        long c = ckpt == null ? -1 : stepOf(ckpt);
        return Math.max(snap, c);
    }

    /** The model at its final weights (see {@link #finalStep}); the caller closes the returned parts. */
    public ExperimentParts finalParts() throws IOException {
        ExperimentParts parts = factory.apply(spec);
        try {
            loadFinal(parts.model());
        } catch (IOException | RuntimeException e) {
            parts.close();
            throw e;
        }
        return parts;
    }

    /**
     * Overwrites the parameters of {@code model} (built from this run's config) with the final weights: the newest of
     * the last snapshot and the newest checkpoint. Returns their step.
     */
    public long loadFinal(Model model) throws IOException {
        long[] s = snapshotSteps();
        long snap = s.length == 0 ? -1 : s[s.length - 1];
        Path ckpt = latestCheckpoint();
        if (ckpt != null && stepOf(ckpt) > snap) {
            TrainingState st = CheckpointFile.read(ckpt, model.parameters().length);
            System.arraycopy(st.parameters(), 0, model.parameters(), 0, st.parameters().length);
            return st.step();
        }
        if (snap < 0) {
            throw new ConfigException(dir.root() + ": the run has neither snapshots nor checkpoints to load weights "
                    + "from (set train.snapshots >= 2)");
        }
        load(snap, model);
        return snap;
    }

    /** The snapshot files of the run, by step. */
    public List<Path> snapshotFiles() throws IOException {
        return snapshotFiles(dir);
    }

    /** The snapshot files of the run in {@code dir}, by step (the one rule for their names). */
    public static List<Path> snapshotFiles(RunDirectory dir) throws IOException {
        return list(dir.snapshots(), "step_\\d+\\.npz");
    }

    private Path latestCheckpoint() throws IOException {
        List<Path> c = list(dir.checkpoints(), "step_\\d+\\.ckpt");
        return c.isEmpty() ? null : c.get(c.size() - 1);
    }

    private static List<Path> list(Path folder, String pattern) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().matches(pattern)).sorted().toList();
        }
    }

    /** The step in a file name {@code step_XXXXXXXX.ext}. */
    public static long stepOf(Path file) {
        String f = file.getFileName().toString();
        return Long.parseLong(f.substring(5, f.indexOf('.')));
    }
}
