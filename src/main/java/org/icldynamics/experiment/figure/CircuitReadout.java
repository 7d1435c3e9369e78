package org.icldynamics.experiment.figure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.icldynamics.model.HeadCircuit;
import org.icldynamics.report.HeatmapStrip;
import org.icldynamics.report.NpzReader;

/**
 * The effective circuits of a run's snapshot ({@code head{h}.kq} [D, D], {@code head{h}.ov} [outputs, D]) as
 * heatmap matrices, in head order.
 */
final class CircuitReadout {
    private CircuitReadout() {
    }

    /**
     * One circuit of every head, as matrices titled "KQ_1", "KQ_2", ... (heads numbered from 1).
     *
     * @param circuit "kq" or "ov"
     */
    static List<HeatmapStrip.Matrix> matrices(Map<String, NpzReader.Array> snapshot, int heads, String circuit)
            throws IOException {
        List<HeatmapStrip.Matrix> out = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            NpzReader.Array a = require(snapshot, "head" + h + "." + circuit);
            out.add(new HeatmapStrip.Matrix(circuit.toUpperCase(java.util.Locale.ROOT) + "_" + (h + 1), a.shape()[0],
                    a.shape()[1], a.data()));
        }
        return out;
    }

    /** The circuits of every head of a snapshot, as the model reported them. */
    static List<HeadCircuit> circuits(Map<String, NpzReader.Array> snapshot, int heads) throws IOException {
        List<HeadCircuit> out = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            NpzReader.Array kq = require(snapshot, "head" + h + ".kq");
            NpzReader.Array ov = require(snapshot, "head" + h + ".ov");
            out.add(new HeadCircuit(h, kq.shape()[0], ov.shape()[0], kq.data(), ov.data()));
        }
        return out;
    }

    static NpzReader.Array require(Map<String, NpzReader.Array> snapshot, String name) throws IOException {
        NpzReader.Array a = snapshot.get(name);
        if (a == null) {
            throw new IOException("snapshot has no array " + name + " (it has " + snapshot.keySet() + ")");
        }
        return a;
    }
}
