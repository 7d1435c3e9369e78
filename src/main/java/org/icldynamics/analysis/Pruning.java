package org.icldynamics.analysis;

import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.model.HeadMask;
import org.icldynamics.model.Transformer;

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
     * @param mask the pruning mask {@code [layers][heads]}
     */
    public record Result(double fullRisk, double prunedRisk, double singleHeadRisk, HeadMask mask) {
        /** {@code prunedRisk / fullRisk - 1}: the issue asks for at most 0.10. */
        public double relativeIncrease() {
            return prunedRisk / fullRisk - 1;
        }
    }

    /** All heads of layer 0, the top head (by {@code ranking}) of every later layer. */
    public static HeadMask mask(HeadImportance.Result ranking, int layers, int heads) {
        double[][] g = new double[layers][heads];
        java.util.Arrays.fill(g[0], 1.0);
        for (int l = 1; l < layers; l++) {
            g[l][ranking.topHead(l)] = 1.0;
        }
        return new HeadMask(g);
    }

    /**
     * @param full the trained multi-head model, not modified
     * @param singleHead a model trained with one head per layer, or null
     * @param ranking head importance measured on prompts other than {@code eval}
     * @param eval evaluation prompts, not modified
     */
    public static Result compare(Transformer full, Predictor singleHead, HeadImportance.Result ranking,
                                 PromptBatch eval) {
        return compare(full, singleHead, ranking, eval, null);
    }

    /**
     * {@link #compare(Transformer, Predictor, HeadImportance.Result, PromptBatch)} with pruned heads replaced by
     * {@code fill} ({@code [layers][heads][T * dk]}, not modified; null = zeros; mean-ablation: the heads' mean
     * outputs on other prompts).
     */
    public static Result compare(Transformer full, Predictor singleHead, HeadImportance.Result ranking,
                                 PromptBatch eval, double[][][] fill) {
        HeadMask m = mask(ranking, full.spec().layers(), full.spec().heads()).withFill(fill);
        double fr = ExcessRisk.of(full.predict(eval), eval);
        double pr = ExcessRisk.of(full.predict(eval, m), eval);
        double sr = singleHead == null ? Double.NaN : ExcessRisk.of(singleHead.predict(eval), eval);
        return new Result(fr, pr, sr, m);
    }
}
