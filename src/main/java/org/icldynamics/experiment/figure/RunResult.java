package org.icldynamics.experiment.figure;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.run.MetricsLog;
import org.icldynamics.experiment.run.RunDirectory;
import org.icldynamics.experiment.run.RunReader;
import org.icldynamics.experiment.run.RunSummary;
import org.icldynamics.report.NpzReader;
import org.icldynamics.train.LogRecord;

/**
 * A finished run as a figure reads it: its spec, metrics, summary and snapshots, and the trained model rebuilt from
 * the last snapshot (parameters restored block by block, so it predicts exactly like the model that was trained).
 * Snapshot names and blocks follow {@link RunReader}, the one reader of run directories.
 */
public record RunResult(String id, ExperimentSpec spec, RunDirectory directory, List<LogRecord> metrics,
                        RunSummary summary, Function<ExperimentSpec, ExperimentParts> factory) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Prefix of parameter blocks in a snapshot (circuits are stored without it). */
    public static final String PARAM = RunReader.PARAM;

    /** Reads the metrics and summary of the finished run in {@code dir}. */
    static RunResult read(String id, ExperimentSpec spec, RunDirectory dir,
            Function<ExperimentSpec, ExperimentParts> factory) throws IOException {
        return new RunResult(id, spec, dir, MetricsLog.read(dir.metrics()),
                JSON.readValue(dir.summary().toFile(), RunSummary.class), factory);
    }

    /** Logged steps. */
    public double[] steps() {
        return metrics.stream().mapToDouble(LogRecord::step).toArray();
    }

    /** Gradient-flow time {@code t} per logged step, as written to metrics.csv (the schedule's integral). */
    public double[] times() {
        return metrics.stream().mapToDouble(LogRecord::t).toArray();
    }

    /** Training loss per logged step. */
    public double[] trainLoss() {
        return metrics.stream().mapToDouble(LogRecord::trainLoss).toArray();
    }

    /** Evaluation loss per logged step (NaN where not evaluated). */
    public double[] evalLoss() {
        return metrics.stream().mapToDouble(LogRecord::evalLoss).toArray();
    }

    /** The training loss at the last logged step. */
    public double finalTrainLoss() {
        return metrics.isEmpty() ? Double.NaN : metrics.get(metrics.size() - 1).trainLoss();
    }

    /** The last finite evaluation loss. */
    public double finalEvalLoss() {
        for (int i = metrics.size() - 1; i >= 0; i--) {
            if (Double.isFinite(metrics.get(i).evalLoss())) {
                return metrics.get(i).evalLoss();
            }
        }
        return Double.NaN;
    }

    /** Snapshot files, by step. */
    public List<Path> snapshotFiles() throws IOException {
        return RunReader.snapshotFiles(directory);
    }

    /** The step of a snapshot file. */
    public static long stepOf(Path snapshot) {
        return RunReader.stepOf(snapshot);
    }

    /** The arrays of the last snapshot (parameter blocks, {@code head{h}.kq}, {@code head{h}.ov}). */
    public Map<String, NpzReader.Array> lastSnapshot() throws IOException {
        List<Path> files = snapshotFiles();
        if (files.isEmpty()) {
            throw new IOException(directory.root() + ": the run wrote no snapshots (set train.snapshots > 0)");
        }
        return NpzReader.read(files.get(files.size() - 1));
    }

    /**
     * The model with the parameters of a snapshot; the caller closes the returned parts (they own a thread pool).
     *
     * @param snapshot arrays from {@link NpzReader#read}
     */
    public ExperimentParts modelAt(Map<String, NpzReader.Array> snapshot) {
        ExperimentParts parts = factory.apply(spec);
        try {
            RunReader.load(snapshot, parts.model(), directory.root() + ": its snapshot");
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
        return parts;
    }

    /**
     * An extra evaluation column of {@code metrics.csv} (e.g. {@code eval_iw}) per logged step, NaN where the step
     * was not evaluated; an error naming the run when the column is absent.
     */
    public double[] column(String name) throws IOException {
        List<String> lines = Files.readAllLines(directory.metrics());
        List<String> header = lines.isEmpty() ? List.of() : List.of(lines.get(0).split(",", -1));
        int k = header.indexOf(name);
        if (k < 0) {
            throw new IOException(directory.metrics() + ": no column '" + name + "' (columns: " + header + ")");
        }
        double[] out = new double[metrics.size()];
        for (int i = 0; i < out.length && i + 1 < lines.size(); i++) {
            String[] f = lines.get(i + 1).split(",", -1);
            out[i] = f.length > k && !f[k].isEmpty() ? Double.parseDouble(f[k]) : Double.NaN;
        }
        return out;
    }
}
