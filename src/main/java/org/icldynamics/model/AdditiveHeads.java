package org.icldynamics.model;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;

/**
 * Interventions on a one-layer model whose prediction is the sum of its heads' contributions, each linear in the
 * head's own block of output weights (one-layer attention's OV circuits, the cubic-feature network's {@code v}):
 * a head's output is its contribution to the prediction, {@code [outputs]} per prompt.
 */
final class AdditiveHeads {
    private AdditiveHeads() {
    }

    /** The gates of {@code edits} on layer 0 of {@code heads} heads with {@code outputs} outputs; null if none. */
    static HeadGates gates(List<HeadIntervention> edits, int heads, int outputs) {
        return HeadGates.of(edits, 1, heads, outputs);
    }

    /**
     * Scales head {@code h}'s block {@code [h * stride, (h + 1) * stride)} of {@code weights} by its gate (a gate of 0
     * writes exact zeros).
     *
     * @param weights {@code [heads, stride]}, overwritten
     */
    static void gate(HeadGates g, double[] weights, int stride) {
        if (g == null) {
            return;
        }
        for (int h = 0; h < weights.length / stride; h++) {
            double f = g.gate(0, h);
            if (f == 0) {
                Arrays.fill(weights, h * stride, (h + 1) * stride, 0.0);
            } else if (f != 1) {
                for (int i = h * stride; i < (h + 1) * stride; i++) {
                    weights[i] *= f;
                }
            }
        }
    }

    /**
     * The predictor of an intervened one-layer model: {@code predict} (with the edited weights) plus every head's
     * constant output.
     */
    static Predictor predictor(String name, List<HeadIntervention> edits, HeadGates g, int heads, int outputs,
                               Function<PromptBatch, double[]> predict) {
        String label = name + edits.stream().map(HeadIntervention::label).toList();
        return new Predictor() {
            @Override
            public String name() {
                return label;
            }

            @Override
            public double[] predict(PromptBatch batch) {
                double[] out = predict.apply(batch);
                addFills(g, heads, outputs, out);
                return out;
            }
        };
    }

    /**
     * Adds every head's constant output to each prompt's prediction.
     *
     * @param out {@code [b, outputs]}, added to
     */
    private static void addFills(HeadGates g, int heads, int outputs, double[] out) {
        if (g == null) {
            return;
        }
        for (int h = 0; h < heads; h++) {
            if (!g.hasFill(0, h)) {
                continue;
            }
            for (int i = 0; i < out.length; i++) { // [b, outputs]
                out[i] += g.fill(0, h, i % outputs);
            }
        }
    }

    /**
     * {@code [1][heads][outputs]}: head {@code h}'s contribution (the prediction with only head {@code h} kept)
     * averaged over the prompts of {@code batch}.
     */
    static double[][][] means(Model model, int outputs, PromptBatch batch) {
        double[][][] out = new double[1][model.heads()][outputs];
        for (int h = 0; h < model.heads(); h++) {
            double[] y = model.intervened(HeadIntervention.keepOnly(0, model.heads(), List.of(h))).predict(batch);
            for (int i = 0; i < y.length; i++) { // [b, outputs]
                out[0][h][i % outputs] += y[i];
            }
            for (int o = 0; o < outputs; o++) {
                out[0][h][o] /= Math.max(1, batch.b);
            }
        }
        return out;
    }
}
