package org.icldynamics.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The one vocabulary of interventions on a model (TransformerLens-style: data scoped to one evaluation, the weights
 * are never edited): zero, scale or mean-replace the output of head {@code head} of layer {@code layer}. One-layer
 * models (attention, the cubic-feature network) have layer 0 only. A head's output is what it adds to the residual
 * stream before the output projection (transformer, per token) or to the prediction (one-layer models); see
 * {@link Model#intervened} and {@link Model#headOutputMeans}.
 */
public sealed interface HeadIntervention {
    int layer();

    int head();

    /** A short label for tables: {@code "zero head 3"}, {@code "scale head 1 of layer 2 by 0.5"}. */
    String label();

    /** Head {@code (layer, head)} outputs zero. */
    record Zero(int layer, int head) implements HeadIntervention {
        public Zero {
            check(layer, head);
        }

        @Override
        public String label() {
            return "zero" + site(layer, head);
        }
    }

    /** Head {@code (layer, head)}'s output is multiplied by {@code factor} (0 is {@link Zero}, 1 changes nothing). */
    record Scale(int layer, int head, double factor) implements HeadIntervention {
        public Scale {
            check(layer, head);
            if (!Double.isFinite(factor)) {
                throw new IllegalArgumentException("scale factor must be finite, got " + factor);
            }
        }

        @Override
        public String label() {
            return "scale" + site(layer, head) + " by " + factor;
        }
    }

    /**
     * Head {@code (layer, head)}'s output is replaced by the constant {@code mean}: its entry
     * {@code [layer][head]} of {@link Model#headOutputMeans} on other prompts (mean-ablation).
     *
     * @param mean the head's mean output, copied
     */
    record MeanReplace(int layer, int head, double[] mean) implements HeadIntervention {
        public MeanReplace {
            check(layer, head);
            mean = mean.clone();
        }

        @Override
        public double[] mean() {
            return mean.clone();
        }

        /** The entry without a copy (for the model's own loops; not modified). */
        double meanAt(int i) {
            return mean[i];
        }

        int meanLength() {
            return mean.length;
        }

        @Override
        public String label() {
            return "mean-replace" + site(layer, head);
        }
    }

    /**
     * Head {@code (layer, head)} removed: zeroed when {@code means} is null, else replaced by its mean
     * {@code means[layer][head]} (the form of {@link Model#headOutputMeans}).
     */
    static HeadIntervention removed(int layer, int head, double[][][] means) {
        return means == null ? new Zero(layer, head) : new MeanReplace(layer, head, means[layer][head]);
    }

    /** Every head of layer {@code layer} not in {@code keep} (of {@code heads}) zeroed, in head order. */
    static List<HeadIntervention> keepOnly(int layer, int heads, Collection<Integer> keep) {
        List<HeadIntervention> out = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            if (!keep.contains(h)) {
                out.add(new Zero(layer, h));
            }
        }
        return List.copyOf(out);
    }

    private static void check(int layer, int head) {
        if (layer < 0 || head < 0) {
            throw new IllegalArgumentException("an intervention needs layer and head >= 0, got layer " + layer
                    + " head " + head);
        }
    }

    private static String site(int layer, int head) {
        return " head " + head + (layer == 0 ? "" : " of layer " + layer);
    }
}
