package org.icldynamics.experiment.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.icldynamics.train.CheckpointFile;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ExperimentSpec;

/**
 * What {@code icl resume} checks before it continues a run, each failure one line ({@link ConfigException}, exit 2)
 * naming the damaged file and what to do: {@code provenance.json} present and readable, with the data stream
 * version this code draws for the run's config ({@link #requireDataStream}); {@code config.yaml}
 * unchanged since the start (its SHA-256 against the one in provenance, unless a change is accepted explicitly);
 * the newest readable checkpoint (falling back to the older one with a note); and {@code metrics.csv} holding every
 * row before the checkpoint's step, rebuilt from the copy the checkpoint saved when it is missing, cut short or
 * damaged, never left with a gap.
 */
final class ResumeCheck {
    private ResumeCheck() {
    }

    /** The SHA-256 of {@code file}, hex. */
    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The run's provenance, its config hash checked; a changed {@code config.yaml} is refused unless
     * {@code acceptChange}, and then recorded.
     */
    static Provenance provenance(RunDirectory dir, boolean acceptChange, String now, List<String> notes)
            throws IOException {
        Provenance p = readProvenance(dir);
        String sha = sha256(dir.config());
        if (p.configSha256() != null && !p.configSha256().equals(sha)) {
            if (!acceptChange) {
                throw new ConfigException(dir.config() + ": changed since the run started (its SHA-256 differs from "
                        + "the one in provenance.json), so the rest of the run would not match its start; undo the "
                        + "change, or pass --accept-config-change to continue with the edited config (recorded in "
                        + "provenance.json)");
            }
            notes.add("accepted the changed " + dir.config() + " (recorded in provenance.json)");
        }
        return p.configAccepted(now, sha);
    }

    /**
     * The run's provenance as written: present, readable and with a start time; each failure one line. Its data
     * stream is checked against the run's config by {@link #requireDataStream}.
     */
    static Provenance readProvenance(RunDirectory dir) throws IOException {
        Path file = dir.provenance();
        String restart = "; restore it, or start the run again: icl run " + dir.config() + " --out NEW_DIR";
        if (!Files.exists(file)) {
            throw new ConfigException(file + ": missing (it records how the run started and its config's hash)"
                    + restart);
        }
        Provenance p;
        try {
            p = RunDirectory.JSON.treeToValue(dir.readJson(file), Provenance.class);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException(file + ": damaged, not the JSON of a run's provenance ("
                    + ConfigException.shorten(firstLine(e.getMessage())) + ")" + restart);
        }
        if (p == null || p.startTime() == null) {
            throw new ConfigException(file + ": damaged, it lacks the start of the run" + restart);
        }
        return p;
    }

    /**
     * Refuses a run drawn with another data stream version than this code draws for its config ({@link
     * org.icldynamics.data.DrawPrecision}: float runs draw float normals, version 4; double runs version 3): reusing or
     * continuing it would mix two samplers' prompts.
     */
    static void requireDataStream(RunDirectory dir, Provenance p, ExperimentSpec spec) {
        int expected = spec.model().draws().streamVersion();
        if (p.dataStreamVersion() != expected) {
            throw new ConfigException(dir.provenance() + ": drawn with data stream version " + p.dataStreamVersion()
                    + ", this icl draws version " + expected + " for its config (" + spec.model().draws()
                    .name().toLowerCase(java.util.Locale.ROOT) + " normals), so it is not reused or continued"
                    + " (view it as it is); move it away, or start it again with icl run CONFIG --out NEW_DIR");
        }
    }

    /** The newest checkpoint that reads back, or null when there is none; every checkpoint damaged is an error. */
    static CheckpointFile.Contents checkpoint(RunDirectory dir, int parameters, List<String> notes)
            throws IOException {
        List<Path> files = new ArrayList<>(dir.checkpointFiles());
        java.util.Collections.reverse(files);
        List<String> damaged = new ArrayList<>();
        for (Path f : files) {
            try {
                CheckpointFile.Contents c = CheckpointFile.readContents(f, parameters);
                if (!damaged.isEmpty()) {
                    notes.add(String.join("; ", damaged) + "; resuming from the older " + f.getFileName()
                            + " instead");
                }
                return c;
            } catch (IOException e) {
                damaged.add(firstLine(e.getMessage()));
            }
        }
        if (!damaged.isEmpty()) {
            throw new ConfigException(String.join("; ", damaged) + "; no checkpoint left to resume from: delete "
                    + dir.checkpoints() + " to restart the run from step 0");
        }
        return null;
    }

    /**
     * The text {@code metrics.csv} must hold to resume at {@code step}: its header and one row for every logged
     * step before it ({@code 0, logEvery, 2 logEvery, ...}). Taken from the file when it is whole, else rebuilt from
     * {@code saved} (the copy in the checkpoint, null for an old checkpoint) with a note, else refused.
     */
    static String metrics(RunDirectory dir, String header, long step, int logEvery, String saved, List<String> notes)
            throws IOException {
        Path file = dir.metrics();
        List<String> onDisk = null;
        String damage;
        if (!Files.exists(file)) {
            damage = "missing";
        } else {
            try {
                onDisk = MetricsLog.rowsBefore(MetricsLog.readText(file), header, step);
                damage = gap(onDisk, step, logEvery);
            } catch (IllegalArgumentException e) {
                damage = e.getMessage();
            }
        }
        List<String> rows;
        if (saved != null) {
            List<String> copy = MetricsLog.rowsBefore(saved, header, step);
            if (damage != null || !copy.equals(onDisk)) {
                notes.add(file + ": " + (damage == null ? "rows differ from the checkpoint's copy" : damage)
                        + "; rebuilt its " + copy.size() + " rows before step " + step + " from the checkpoint");
            }
            rows = copy;
        } else if (step == 0) {
            rows = List.of();
        } else if (damage != null) {
            throw new ConfigException(file + ": " + damage + "; the checkpoint at step " + step + " (an older format) "
                    + "holds no copy of the rows; restore the file, or start the run again: icl run " + dir.config()
                    + " --out NEW_DIR");
        } else {
            rows = onDisk;
        }
        StringBuilder text = new StringBuilder(header).append('\n');
        rows.forEach(r -> text.append(r).append('\n'));
        return text.toString();
    }

    /** Null when {@code rows} are exactly the logged steps before {@code step}, else what is missing. */
    private static String gap(List<String> rows, long step, int logEvery) {
        long expected = 0;
        for (String r : rows) {
            long s = Long.parseLong(r.substring(0, r.indexOf(',')));
            if (s != expected) {
                return "rows are missing (no row for step " + expected + "; the next row is step " + s + ")";
            }
            expected += logEvery;
        }
        if (expected < step) {
            return "rows are missing (the last row before step " + step + " is "
                    + (rows.isEmpty() ? "none" : "step " + (expected - logEvery)) + ")";
        }
        return null;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown cause";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
