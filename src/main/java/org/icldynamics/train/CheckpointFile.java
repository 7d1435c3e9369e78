package org.icldynamics.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * A {@link TrainingState} on disk. Little-endian binary: the magic {@code "ICLCKPT\0"}, format version (int),
 * parameter count (int), optimizer-state length (int), step (long), t (double), the parameters, the optimizer
 * state, (version 2) the length (int) and UTF-8 bytes of the run's metrics rows before the step, and a CRC-32 of
 * everything before it (long). Version 1 files (no metrics) are still read. Written atomically: to a temporary file in the same
 * directory, forced to disk, then renamed over the target, so a crash never leaves a half-written checkpoint.
 */
public final class CheckpointFile {
    /** Format version written by this class. */
    public static final int VERSION = 2;
    private static final byte[] MAGIC = {'I', 'C', 'L', 'C', 'K', 'P', 'T', 0};
    private static final int HEADER = MAGIC.length + 3 * Integer.BYTES + Long.BYTES + Double.BYTES;

    private CheckpointFile() {
    }

    /** What a checkpoint holds: the state and the metrics text saved with it (null for version 1 files). */
    public record Contents(TrainingState state, String metrics) {
    }

    /** Writes {@code state} to {@code file} atomically, without metrics rows. */
    public static void write(Path file, TrainingState state) throws IOException {
        write(file, state, "");
    }

    /** Writes {@code state} and {@code metrics} (the metrics file's text up to the state's step) atomically. */
    public static void write(Path file, TrainingState state, String metrics) throws IOException {
        double[] p = state.parameters();
        double[] o = state.optimizerState();
        byte[] m = metrics.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.allocate(HEADER + (p.length + o.length) * Double.BYTES + Integer.BYTES + m.length
                        + Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(VERSION).putInt(p.length).putInt(o.length).putLong(state.step()).putDouble(state.t());
        for (double v : p) {
            buf.putDouble(v);
        }
        for (double v : o) {
            buf.putDouble(v);
        }
        buf.putInt(m.length).put(m);
        CRC32 crc = new CRC32();
        crc.update(buf.array(), 0, buf.position());
        buf.putLong(crc.getValue());
        buf.flip();
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads a checkpoint and checks that it holds {@code expectedParameters} parameters.
     *
     * @throws IOException with a message naming the file and the cause when it is not a checkpoint, has another
     *     format version, is truncated or corrupted, or belongs to a model with another parameter count
     */
    public static TrainingState read(Path file, int expectedParameters) throws IOException {
        return readContents(file, expectedParameters).state();
    }

    /** Like {@link #read}, with the metrics text saved beside the state (null in a version-1 file). */
    public static Contents readContents(Path file, int expectedParameters) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < HEADER + Long.BYTES) {
            throw new IOException(file + " is not a checkpoint: only " + bytes.length + " bytes");
        }
        byte[] magic = new byte[MAGIC.length];
        buf.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new IOException(file + " is not an icl-dynamics checkpoint (bad magic bytes)");
        }
        int version = buf.getInt();
        if (version != VERSION && version != 1) {
            throw new IOException(file + " has checkpoint format version " + version + "; this build reads version "
                    + VERSION);
        }
        int np = buf.getInt();
        int no = buf.getInt();
        long stateEnd = HEADER + ((long) np + no) * Double.BYTES;
        int metricsLength = 0;
        if (version >= 2 && np >= 0 && no >= 0 && stateEnd + Integer.BYTES <= bytes.length) {
            metricsLength = ByteBuffer.wrap(bytes, (int) stateEnd, Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                    .getInt();
        }
        long expectedBytes = stateEnd + (version >= 2 ? Integer.BYTES + (long) metricsLength : 0) + Long.BYTES;
        if (np < 0 || no < 0 || metricsLength < 0 || bytes.length != expectedBytes) {
            throw new IOException(file + " is truncated or corrupted: " + bytes.length + " bytes, header says "
                    + expectedBytes);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - Long.BYTES);
        long stored = ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .getLong();
        if (stored != crc.getValue()) {
            throw new IOException(file + " is corrupted (checksum mismatch)");
        }
        if (np != expectedParameters) {
            throw new IOException(file + " holds " + np + " parameters but the model has " + expectedParameters
                    + " (a checkpoint of a different model?)");
        }
        long step = buf.getLong();
        double t = buf.getDouble();
        double[] p = new double[np];
        double[] o = new double[no];
        for (int i = 0; i < np; i++) {
            p[i] = buf.getDouble();
        }
        for (int i = 0; i < no; i++) {
            o[i] = buf.getDouble();
        }
        String metrics = version >= 2 ? new String(bytes, (int) stateEnd + Integer.BYTES, metricsLength,
                java.nio.charset.StandardCharsets.UTF_8) : null;
        return new Contents(new TrainingState(step, t, p, o), metrics);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open directories; the rename itself is still atomic
        }
    }
}
