package org.icldynamics.analysis;

import java.util.List;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.model.HeadIntervention;
import org.icldynamics.model.Model;

/**
 * Head importance by masking one head at a time (spec sparse-multilayer.md B.5, Fig. 1c): for layer l and head j,
 * {@code delta_{l,j} = risk(mask head (l, j)) - risk(full)} on a fixed evaluation set, clamped at zero (a head whose
 * removal helps is unimportant, not negatively important), then normalised within the layer. The score is our
 * reconstruction, so the normalisation is a setting.
 */
public final class HeadImportance {
    private HeadImportance() {
    }

    /** How a layer's increases become importances. */
    public enum Normalisation {
        /** {@code delta / sum_j delta} within the layer: shares that sum to 1 (default). */
        SHARE_OF_LAYER,
        /** {@code delta / max_j delta}: the top head scores 1. */
        RELATIVE_TO_TOP
    }

    /**
     * @param baseRisk excess risk with every head
     * @param maskedRisk {@code [layers][heads]} excess risk with that one head masked
     * @param importance {@code [layers][heads]} normalised importance (NaN in a layer where no head matters);
     *                   the heatmap's data, rows = layers, columns = heads
     */
    public record Result(double baseRisk, double[][] maskedRisk, double[][] importance) {
        /** Index of the most important head of layer {@code l} (the lowest index on ties). */
        public int topHead(int l) {
            int best = 0;
            for (int h = 1; h < maskedRisk[l].length; h++) {
                if (maskedRisk[l][h] > maskedRisk[l][best]) {
                    best = h;
                }
            }
            return best;
        }

        /** Share of layer {@code l}'s total clamped increase that its top head carries (NaN if none). */
        public double topShare(int l) {
            double sum = 0;
            for (double r : maskedRisk[l]) {
                sum += Math.max(0, r - baseRisk);
            }
            return sum > 0 ? Math.max(0, maskedRisk[l][topHead(l)] - baseRisk) / sum : Double.NaN;
        }
    }

    /** Zero-ablation: {@link #measure(Model, PromptBatch, Normalisation, double[][][])} without means. */
    public static Result measure(Model model, PromptBatch eval, Normalisation normalisation) {
        return measure(model, eval, normalisation, null);
    }

    /**
     * @param model not modified (interventions are per evaluation)
     * @param eval evaluation prompts, not modified
     * @param means a masked head's replacement output {@code [layers][heads][...]} (mean-ablation: the heads' mean
     *     outputs on other prompts, {@link Model#headOutputMeans}), or null for zero-ablation; not modified
     */
    public static Result measure(Model model, PromptBatch eval, Normalisation normalisation, double[][][] means) {
        int layers = model.layers();
        int heads = model.heads();
        double base = ExcessRisk.of(model.predict(eval), eval);
        double[][] masked = new double[layers][heads];
        double[][] imp = new double[layers][heads];
        for (int l = 0; l < layers; l++) { // [layers, heads]
            for (int h = 0; h < heads; h++) {
                HeadIntervention removed = HeadIntervention.removed(l, h, means);
                masked[l][h] = ExcessRisk.of(model.intervened(List.of(removed)).predict(eval), eval);
            }
            double sum = 0;
            double max = 0;
            for (int h = 0; h < heads; h++) {
                double dlt = Math.max(0, masked[l][h] - base);
                sum += dlt;
                max = Math.max(max, dlt);
            }
            double denom = normalisation == Normalisation.SHARE_OF_LAYER ? sum : max;
            for (int h = 0; h < heads; h++) {
                imp[l][h] = denom > 0 ? Math.max(0, masked[l][h] - base) / denom : Double.NaN;
            }
        }
        return new Result(base, masked, imp);
    }
}
