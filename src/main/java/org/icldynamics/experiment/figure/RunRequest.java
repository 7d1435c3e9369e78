package org.icldynamics.experiment.figure;

import java.util.List;

/**
 * One run a figure needs: a preset YAML under {@code experiments/} plus {@code key=value} overrides (the same
 * syntax as {@code icl run --set}), stored under {@code runs/ID} of the figure's output directory.
 *
 * @param id kebab-case, unique within the figure
 * @param config file name under {@code experiments/}, e.g. {@code zhang25-fig1-attnM.yaml}
 */
public record RunRequest(String id, String config, List<String> overrides) {
    public RunRequest {
        if (id == null || !id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("run id must be kebab-case, got '" + id + "'");
        }
        overrides = List.copyOf(overrides);
    }

    /** This request with more overrides appended (applied after the existing ones). */
    public RunRequest with(List<String> more) {
        List<String> all = new java.util.ArrayList<>(overrides);
        all.addAll(more);
        return new RunRequest(id, config, all);
    }
}
