package org.icldynamics.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.icldynamics.model.HeadCircuit;
import org.icldynamics.model.Model;
import org.icldynamics.model.ParameterBlock;
import org.icldynamics.report.AtomicFiles;
import org.icldynamics.report.NpzWriter;
import org.icldynamics.train.CheckpointFile;
import org.icldynamics.train.TrainingState;

/**
 * The files of one run, each written atomically (temporary name, then rename):
 * <pre>
 * config.yaml                  the fully resolved config
 * provenance.json              tool version, git commit, seed, JVM, threads, command line, start/end times
 * metrics.csv                  step,t,train_loss,eval_loss (appended and flushed row by row)
 * snapshots/step_XXXXXXXX.npz  param.BLOCK (each parameter block), head{h}.kq [D, D], head{h}.ov [outputs, D]
 * checkpoints/step_XXXXXXXX.ckpt   the latest checkpoint (parameters and optimizer state)
 * summary.json                 status, steps, final_train_loss, final_eval_loss, wall_seconds
 * figures/loss.png, loss.svg   the loss curve
 * </pre>
 */
public final class RunDirectory {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    public RunDirectory(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path config() {
        return root.resolve("config.yaml");
    }

    public Path provenance() {
        return root.resolve("provenance.json");
    }

    public Path metrics() {
        return root.resolve("metrics.csv");
    }

    public Path summary() {
        return root.resolve("summary.json");
    }

    public Path snapshots() {
        return root.resolve("snapshots");
    }

    public Path checkpoints() {
        return root.resolve("checkpoints");
    }

    public Path figures() {
        return root.resolve("figures");
    }

    /** Creates the directory tree. */
    void create() throws IOException {
        Files.createDirectories(snapshots());
        Files.createDirectories(checkpoints());
        Files.createDirectories(figures());
    }

    public Path snapshot(long step) {
        return snapshots().resolve(String.format("step_%08d.npz", step));
    }

    /** Writes the model's parameter blocks and effective circuits at {@code step}. */
    void writeSnapshot(long step, Model model) throws IOException {
        NpzWriter npz = new NpzWriter();
        double[] p = model.parameters();
        for (ParameterBlock b : model.blocks()) {
            double[] v = new double[b.size()];
            System.arraycopy(p, b.offset(), v, 0, v.length);
            npz.add("param." + b.name(), b.shape(), v);
        }
        for (HeadCircuit c : model.circuits()) {
            npz.add("head" + c.head() + ".kq", new int[] {c.tokenWidth(), c.tokenWidth()}, c.kq());
            npz.add("head" + c.head() + ".ov", new int[] {c.outputs(), c.tokenWidth()}, c.ov());
        }
        AtomicFiles.write(snapshot(step), npz::write);
    }

    /** Writes a checkpoint, then deletes the older ones (the newest complete checkpoint always survives). */
    void writeCheckpoint(TrainingState s) throws IOException {
        Path file = checkpoints().resolve(String.format("step_%08d.ckpt", s.step()));
        CheckpointFile.write(file, s);
        try (Stream<Path> old = Files.list(checkpoints())) {
            for (Path o : old.filter(f -> f.getFileName().toString().endsWith(".ckpt") && !f.equals(file)).toList()) {
                Files.deleteIfExists(o);
            }
        }
    }

    /** The newest checkpoint for a model of {@code parameters} parameters, or null when there is none. */
    TrainingState latestCheckpoint(int parameters) throws IOException {
        if (!Files.isDirectory(checkpoints())) {
            return null;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(checkpoints())) {
            files = s.filter(f -> f.getFileName().toString().matches("step_\\d+\\.ckpt")).sorted().toList();
        }
        return files.isEmpty() ? null : CheckpointFile.read(files.get(files.size() - 1), parameters);
    }

    void writeJson(Path file, Object value) throws IOException {
        AtomicFiles.write(file, out -> JSON.writeValue(new NonClosing(out), value));
    }

    JsonNode readJson(Path file) throws IOException {
        return JSON.readTree(file.toFile());
    }

    /** Jackson closes the stream it writes to; the atomic writer must close it itself. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
