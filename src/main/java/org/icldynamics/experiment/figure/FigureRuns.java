package org.icldynamics.experiment.figure;

import java.util.LinkedHashMap;
import java.util.Map;

/** The finished runs of one figure, by run id. */
public final class FigureRuns {
    private final Map<String, RunResult> byId = new LinkedHashMap<>();

    FigureRuns() {
    }

    void add(RunResult r) {
        byId.put(r.id(), r);
    }

    /** The run called {@code id}. */
    public RunResult get(String id) {
        RunResult r = byId.get(id);
        if (r == null) {
            throw new IllegalArgumentException("the figure has no run '" + id + "'; it has " + byId.keySet());
        }
        return r;
    }
}
