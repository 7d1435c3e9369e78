package org.icldynamics.analysis;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.model.HeadIntervention;
import org.icldynamics.model.Model;

/**
 * Pruning (spec sparse-multilayer.md B.5, Fig. 5): keep every head of layer 0 and only the most important head of
 * each later layer, and compare the pruned model's excess risk with the full model's and with a separately trained
 * model that has one head per layer. Rank heads on one set of prompts and evaluate on another.
 */
public final class Pruning {
    private Pruning() {
    }

    /**
     * @param fullRisk excess risk of the full model
     * @param prunedRisk excess risk of the pruned model
     * @param singleHeadRisk excess risk of the single-head-per-layer model (NaN when none was given)
     * @param pruned the interventions that prune: one per removed head, in layer then head order
     */
    public record Result(double fullRisk, double prunedRisk, double singleHeadRisk, List<HeadIntervention> pruned) {
        public Result {
            pruned = List.copyOf(pruned);
        }

        /** {@code prunedRisk / fullRisk - 1}: the issue asks for at most 0.10. */
        public double relativeIncrease() {
            return prunedRisk / fullRisk - 1;
        }

        /** The interventions that prune layer {@code l} alone. */
        public List<HeadIntervention> prunedIn(int l) {
            return pruned.stream().filter(i -> i.layer() == l).toList();
        }
    }

    /**
     * Every head removed except all heads of layer 0 and the top head (by {@code ranking}) of every later layer:
     * zeroed, or replaced by {@code means[l][h]} when {@code means} is not null.
     */
    public static List<HeadIntervention> prune(HeadImportance.Result ranking, int layers, int heads,
                                               double[][][] means) {
        List<HeadIntervention> out = new ArrayList<>();
        for (int l = 1; l < layers; l++) {
            for (int h = 0; h < heads; h++) {
                if (h != ranking.topHead(l)) {
                    out.add(HeadIntervention.removed(l, h, means));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param full the trained multi-head model, not modified
     * @param singleHead a model trained with one head per layer, or null
     * @param ranking head importance measured on prompts other than {@code eval}
     * @param eval evaluation prompts, not modified
     */
    public static Result compare(Model full, Predictor singleHead, HeadImportance.Result ranking, PromptBatch eval) {
        return compare(full, singleHead, ranking, eval, null);
    }

    /**
     * {@link #compare(Model, Predictor, HeadImportance.Result, PromptBatch)} with pruned heads replaced by
     * {@code means} ({@code [layers][heads][...]}, not modified; null = zeros; mean-ablation: the heads' mean outputs
     * on other prompts, {@link Model#headOutputMeans}).
     */
    public static Result compare(Model full, Predictor singleHead, HeadImportance.Result ranking, PromptBatch eval,
                                 double[][][] means) {
        List<HeadIntervention> pruned = prune(ranking, full.layers(), full.heads(), means);
        double fr = ExcessRisk.of(full.predict(eval), eval);
        double pr = ExcessRisk.of(full.intervened(pruned).predict(eval), eval);
        double sr = singleHead == null ? Double.NaN : ExcessRisk.of(singleHead.predict(eval), eval);
        return new Result(fr, pr, sr, pruned);
    }
}
