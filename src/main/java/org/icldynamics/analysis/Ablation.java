package org.icldynamics.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;

/**
 * Evaluates a model under head interventions. The model side supplies {@code modelUnder}: the predictor that applies
 * a list of interventions for one evaluation (the model's weights are never edited). Loss is
 * {@code mean (yhat - y_q)^2} over prompts and outputs (no 1/2).
 */
public final class Ablation {
    private Ablation() {
    }

    /** Each head zeroed on its own: {@code [[zero head 0], [zero head 1], ...]}. */
    public static List<List<Intervention>> eachHeadZeroed(int heads) {
        List<List<Intervention>> out = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            out.add(List.of(new Intervention.ZeroHead(h)));
        }
        return out;
    }

    /**
     * The standard ablations for a snapshot's pattern: each head zeroed, only the active (non-dummy) heads kept (the
     * loss should not change), and each non-empty sign group kept on its own (a group alone cannot debias).
     */
    public static List<List<Intervention>> standardSet(PatternResult pattern) {
        List<List<Intervention>> out = new ArrayList<>(eachHeadZeroed(pattern.heads().size()));
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
                out.add(List.of(new Intervention.KeepHeads(keep)));
            }
        }
        return out;
    }

    /** Only the given heads kept. */
    public static List<Intervention> keepOnly(Integer... heads) {
        return List.of(new Intervention.KeepHeads(List.of(heads)));
    }

    /**
     * Loss of the model under every list of interventions.
     *
     * @param modelUnder predictor applying a list of interventions (the empty list: the unmodified model)
     * @param batch fresh prompts, not modified
     * @param interventions one list per row
     */
    public static AblationResult evaluate(Function<List<Intervention>, Predictor> modelUnder, PromptBatch batch,
                                          List<List<Intervention>> interventions) {
        double base = loss(modelUnder.apply(List.of()), batch);
        List<AblationResult.Row> rows = new ArrayList<>();
        for (List<Intervention> list : interventions) {
            double l = loss(modelUnder.apply(List.copyOf(list)), batch);
            String label = list.isEmpty() ? "none"
                    : String.join(" + ", list.stream().map(Intervention::label).toList());
            rows.add(new AblationResult.Row(label, l, l - base));
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
