package org.icldynamics.experiment.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icldynamics.report.NpzReader;

/**
 * The KQ and OV circuits of every head in one snapshot ({@code head{h}.kq} {@code [D, D]}, {@code head{h}.ov}
 * {@code [outputs, D]}), for the heatmaps of the run page; {@code kqScale} and {@code ovScale} are the largest absolute
 * entries over all heads so the heads of a frame share one symmetric colour scale per circuit.
 */
public record CircuitFrame(long step, List<Head> heads, double kqScale, double ovScale) {
    /** One head's two circuits. */
    public record Head(int head, Matrix kq, Matrix ov) {
    }

    /** A row-major matrix. */
    public record Matrix(int rows, int cols, double[] values) {
        static Matrix of(NpzReader.Array a) {
            int rows = a.shape().length > 0 ? a.shape()[0] : 1;
            int cols = a.shape().length > 1 ? a.shape()[1] : a.data().length / Math.max(1, rows);
            return new Matrix(rows, cols, a.data());
        }
    }

    /** The frame of the snapshot at {@code step}; {@code null} when there is no such snapshot. */
    public static CircuitFrame read(Path runDir, long step) throws IOException {
        Path f = runDir.resolve("snapshots").resolve(String.format("step_%08d.npz", step));
        if (!Files.isRegularFile(f)) {
            return null;
        }
        Map<String, NpzReader.Array> s = NpzReader.read(f);
        List<Head> heads = new ArrayList<>();
        double kqScale = 0;
        double ovScale = 0;
        for (int h = 0; s.containsKey("head" + h + ".kq") && s.containsKey("head" + h + ".ov"); h++) {
            Matrix kq = Matrix.of(s.get("head" + h + ".kq"));
            Matrix ov = Matrix.of(s.get("head" + h + ".ov"));
            heads.add(new Head(h, kq, ov));
            kqScale = Math.max(kqScale, maxAbs(kq.values()));
            ovScale = Math.max(ovScale, maxAbs(ov.values()));
        }
        return new CircuitFrame(step, heads, kqScale, ovScale);
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Double.isFinite(x) ? Math.max(m, Math.abs(x)) : m;
        }
        return m;
    }
}
