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
 * state, and a CRC-32 of everything before it (long). Written atomically: to a temporary file in the same
 * directory, forced to disk, then renamed over the target, so a crash never leaves a half-written checkpoint.
 */
public final class CheckpointFile {
    /** Format version written by this class. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'I', 'C', 'L', 'C', 'K', 'P', 'T', 0};
    private static final int HEADER = MAGIC.length + 3 * Integer.BYTES + Long.BYTES + Double.BYTES;

    private CheckpointFile() {
    }

    /** Writes {@code state} to {@code file} atomically. */
    public static void write(Path file, TrainingState state) throws IOException {
        double[] p = state.parameters();
        double[] o = state.optimizerState();
        ByteBuffer buf = ByteBuffer.allocate(HEADER + (p.length + o.length) * Double.BYTES + Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).putInt(VERSION).putInt(p.length).putInt(o.length).putLong(state.step()).putDouble(state.t());
        for (double v : p) {
            buf.putDouble(v);
        }
        for (double v : o) {
            buf.putDouble(v);
        }
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
        if (version != VERSION) {
            throw new IOException(file + " has checkpoint format version " + version + "; this build reads version "
                    + VERSION);
        }
        int np = buf.getInt();
        int no = buf.getInt();
        long expectedBytes = HEADER + ((long) np + no) * Double.BYTES + Long.BYTES;
        if (np < 0 || no < 0 || bytes.length != expectedBytes) {
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
        return new TrainingState(step, t, p, o);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // some platforms cannot open directories; the rename itself is still atomic
        }
    }
}
