package org.icldynamics.experiment.run;

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
 * checkpoints/step_XXXXXXXX.ckpt   the two newest checkpoints (parameters, optimizer state, metrics rows)
 * summary.json                 status, steps, final_train_loss, final_eval_loss, wall_seconds
 * figures/loss.png, loss.svg   the loss curve
 * </pre>
 * A fresh run is built under a temporary sibling {@code .NAME.partial} and renamed to its name once
 * {@code config.yaml}, {@code provenance.json} and the first metrics row exist ({@link #publish}), so a kill at any
 * moment leaves either no run directory or one that {@code icl resume} continues.
 */
public final class RunDirectory {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Checkpoints kept: the newest and one to fall back on when the newest is damaged. */
    static final int KEPT_CHECKPOINTS = 2;

    private Path root;
    private Path target;

    public RunDirectory(Path root) {
        this.root = root;
    }

    /** The temporary name a fresh run is built under before {@link #publish} renames it to {@code target}. */
    static Path partial(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        return abs.resolveSibling("." + abs.getFileName() + ".partial");
    }

    /** A directory built under {@link #partial}({@code target}), published to {@code target}. */
    static RunDirectory building(Path target) {
        RunDirectory d = new RunDirectory(partial(target));
        d.target = target;
        return d;
    }

    /** The name the run is known by: its final directory, even while it is built under the temporary name. */
    public Path name() {
        return target != null ? target : root;
    }

    /** Whether the directory still has its temporary name. */
    boolean unpublished() {
        return target != null;
    }

    /** Renames the temporary directory to its final name (once); afterwards {@link #root} is the final name. */
    void publish() throws IOException {
        if (target == null) {
            return;
        }
        try {
            Files.move(root, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            throw new IOException(target + " appeared while this run was starting (another run with the same --out?)");
        }
        root = target;
        target = null;
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

    /**
     * Writes a checkpoint with {@code metrics} (the metrics file's text so far), then deletes all but the
     * {@link #KEPT_CHECKPOINTS} newest (a complete checkpoint always survives).
     */
    void writeCheckpoint(TrainingState s, String metrics) throws IOException {
        Path file = checkpoints().resolve(String.format("step_%08d.ckpt", s.step()));
        CheckpointFile.write(file, s, metrics);
        List<Path> files = checkpointFiles();
        for (int i = 0; i < files.size() - KEPT_CHECKPOINTS; i++) {
            Files.deleteIfExists(files.get(i));
        }
    }

    /** The checkpoint files, oldest first. */
    List<Path> checkpointFiles() throws IOException {
        if (!Files.isDirectory(checkpoints())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(checkpoints())) {
            return s.filter(f -> f.getFileName().toString().matches("step_\\d+\\.ckpt")).sorted().toList();
        }
    }

    /** The newest checkpoint for a model of {@code parameters} parameters, or null when there is none. */
    TrainingState latestCheckpoint(int parameters) throws IOException {
        List<Path> files = checkpointFiles();
        return files.isEmpty() ? null : CheckpointFile.read(files.get(files.size() - 1), parameters);
    }

    /** Deletes temporary files ({@code .NAME.tmp}, {@code NAME.tmp}) a failed write may have left, anywhere below. */
    void removeTemporaryFiles() {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().contains(".tmp"))
                    .toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // the directory is going away or unreadable: nothing more can be cleaned
        }
    }

    public void writeJson(Path file, Object value) throws IOException {
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
