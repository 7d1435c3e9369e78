package org.icldynamics.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.model.HeadIntervention;
import org.icldynamics.model.Model;

/**
 * Evaluates a model under head interventions ({@link HeadIntervention}, data for one evaluation: the model's weights
 * are never edited). Loss is {@code mean (yhat - y_q)^2} over prompts and outputs (no 1/2).
 */
public final class Ablation {
    private Ablation() {
    }

    /**
     * One row of an ablation table: a list of interventions on layer 0 and its label.
     *
     * @param label e.g. {@code "zero head 3"} or {@code "keep heads [0, 1]"}
     * @param interventions applied together (empty: the unmodified model)
     */
    public record Case(String label, List<HeadIntervention> interventions) {
        public Case {
            interventions = List.copyOf(interventions);
        }

        /** The interventions labelled by their own labels joined by {@code " + "} ({@code "none"} when empty). */
        public static Case of(List<HeadIntervention> interventions) {
            return new Case(interventions.isEmpty() ? "none"
                    : String.join(" + ", interventions.stream().map(HeadIntervention::label).toList()), interventions);
        }

        /** Every head of {@code heads} not in {@code keep} zeroed. */
        public static Case keep(List<Integer> keep, int heads) {
            for (int h : keep) {
                if (h < 0 || h >= heads) {
                    throw new IllegalArgumentException("keep names head " + h + " of heads 0.." + (heads - 1));
                }
            }
            return new Case("keep heads " + keep, HeadIntervention.keepOnly(0, heads, keep));
        }
    }

    /** Each head zeroed on its own: {@code [zero head 0], [zero head 1], ...}. */
    public static List<Case> eachHeadZeroed(int heads) {
        List<Case> out = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            out.add(Case.of(List.of(new HeadIntervention.Zero(0, h))));
        }
        return out;
    }

    /**
     * The standard ablations for a snapshot's pattern: each head zeroed, only the active (non-dummy) heads kept (the
     * loss should not change), and each non-empty sign group kept on its own (a group alone cannot debias).
     */
    public static List<Case> standardSet(PatternResult pattern) {
        int heads = pattern.heads().size();
        List<Case> out = new ArrayList<>(eachHeadZeroed(heads));
        List<Integer> active = new ArrayList<>();
        List<Integer> positive = new ArrayList<>();
        List<Integer> negative = new ArrayList<>();
        for (HeadPattern p : pattern.heads()) {
            if (p.active()) {
                active.add(p.head());
            }
            if (p.group() == HeadPattern.SignGroup.POSITIVE) {
                positive.add(p.head());
            } else if (p.group() == HeadPattern.SignGroup.NEGATIVE) {
                negative.add(p.head());
            }
        }
        for (List<Integer> keep : List.of(active, positive, negative)) {
            if (!keep.isEmpty()) {
                out.add(Case.keep(keep, heads));
            }
        }
        return out;
    }

    /** Loss of {@code model} under every case, see {@link #evaluate(Function, PromptBatch, List)}. */
    public static AblationResult evaluate(Model model, PromptBatch batch, List<Case> cases) {
        return evaluate(model::intervened, batch, cases);
    }

    /**
     * Loss of the model under every case.
     *
     * @param modelUnder predictor applying a list of interventions (the empty list: the unmodified model)
     * @param batch fresh prompts, not modified
     * @param cases one per row
     */
    public static AblationResult evaluate(Function<List<HeadIntervention>, Predictor> modelUnder, PromptBatch batch,
                                          List<Case> cases) {
        double base = loss(modelUnder.apply(List.of()), batch);
        List<AblationResult.Row> rows = new ArrayList<>();
        for (Case c : cases) {
            double l = loss(modelUnder.apply(c.interventions()), batch);
            rows.add(new AblationResult.Row(c.label(), l, l - base));
        }
        return new AblationResult(batch.b, base, rows);
    }
    private static double loss(Predictor p, PromptBatch batch) {
        double[] y = p.predict(batch); // [b, outputs]
        if (y.length != batch.yq.length) {
            throw new IllegalArgumentException(p.name() + " predicts " + y.length + " values for "
                    + batch.yq.length + " query targets");
        }
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double e = y[i] - batch.yq[i];
            s += e * e;
        }
        return s / y.length;
    }
}
