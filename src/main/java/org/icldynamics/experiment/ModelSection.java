package org.icldynamics.experiment;

import org.icldynamics.model.LossConvention;
import org.icldynamics.model.OneLayerAttention;

/** The architecture; the names of the variants are those of {@link OneLayerAttention}. */
public record ModelSection(
        @Doc("attention (one attention layer) or cubic-feature (its equivalent two-layer network)")
        Architecture architecture,
        @Doc(value = "number of heads h", allowed = ">= 1") int heads,
        @Doc(value = "rank R of separate key-query", allowed = "1..d+tasks") int rank,
        @Doc("linear or softmax scores") OneLayerAttention.Scores scores,
        @Doc("linear scores: none (plain sum) or by-context-length (1/n)") OneLayerAttention.Normalisation normalisation,
        @Doc(value = "softmax temperature; 0 = 1/sqrt(D)", allowed = ">= 0") double temperature,
        @Doc("merged D x D key-query, or separate rank-R key and query") OneLayerAttention.KeyQuery keyQuery,
        @Doc("merged value-output, or separate value and output") OneLayerAttention.ValueOutput valueOutput,
        @Doc("whether the query attends to itself: excluded or included") OneLayerAttention.QueryAttention queryAttention,
        @Doc("initialisation family (see OneLayerAttention.Init)") OneLayerAttention.Init init,
        @Doc(value = "scale of the initialisation (std or bound, per family)", allowed = ">= 0") double initScale,
        @Doc("precision of the training kernel: double or float") OneLayerAttention.Precision precision,
        @Doc("loss: mse = mean (yhat - y)^2 (the papers' code), half-mse = 1/2 of it (gradient-flow theory)")
        LossConvention loss,
        @Doc("all entries train, or reduced: only U_h (x-block of key-query) and v_h train (linear paper A.7)")
        OneLayerAttention.Trainable trainable) {

    /** Which model file the config selects. */
    public enum Architecture { ATTENTION, CUBIC_FEATURE }

    public ModelSection {
        Require.notNull("architecture", architecture);
        Require.atLeast("heads", heads, 1);
        Require.atLeast("rank", rank, 1);
        Require.notNull("scores", scores);
        Require.notNull("normalisation", normalisation);
        Require.nonNegative("temperature", temperature);
        Require.notNull("keyQuery", keyQuery);
        Require.notNull("valueOutput", valueOutput);
        Require.notNull("queryAttention", queryAttention);
        Require.notNull("init", init);
        Require.nonNegative("initScale", initScale);
        Require.notNull("precision", precision);
        Require.notNull("loss", loss);
        Require.notNull("trainable", trainable);
    }
}
