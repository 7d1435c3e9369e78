package org.icldynamics.experiment;

import org.icldynamics.model.LossConvention;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.model.TokenLayout;
import org.icldynamics.model.Transformer;

/**
 * The architecture; the names of the variants are those of {@link OneLayerAttention} and {@link Transformer}. Keys
 * {@code layers} to {@code lossPositions} are read only by the transformer (spec sparse-multilayer.md B.2; its sizes are
 * reconstructions).
 */
public record ModelSection(
        @Doc("attention (one attention layer), cubic-feature (its equivalent two-layer network) or transformer "
                + "(multi-layer, multi-head; sparse-multilayer spec)")
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
        OneLayerAttention.Trainable trainable,
        @Doc(value = "transformer: number of layers L", allowed = ">= 1") int layers,
        @Doc(value = "transformer: residual width W", allowed = ">= 1") int width,
        @Doc(value = "transformer: per-head key/query/value width; 0 = width / heads", allowed = ">= 0") int headDim,
        @Doc("transformer: MLP after each attention block: none, gelu or relu") Transformer.Activation mlp,
        @Doc(value = "transformer: MLP hidden width; 0 = 4 * width", allowed = ">= 0") int mlpWidth,
        @Doc("transformer: LayerNorm placement: pre (GPT-2, plus a final LN), post or none (the theory's model)")
        Transformer.Norm norm,
        @Doc("transformer: token layout: pair (one (x, y) token per example) or interleaved (x and y tokens, causal)")
        TokenLayout layout,
        @Doc("transformer: positions the training loss scores: query, or all-prefixes (Garg et al.: every x token "
                + "predicts its label from the examples before it, plus the query; needs layout interleaved); "
                + "evaluation always reads the query")
        Transformer.LossPositions lossPositions,
        @Doc("init equivalent-to (cubic-feature only): the merged attention model whose initial weights the network "
                + "starts from: a run directory (its step-0 snapshot) or a config file (its model drawn from its seed); "
                + "empty = this config as merged, reduced attention with init linear-paper")
        String equivalentTo) {

    /** Which model file the config selects. */
    public enum Architecture { ATTENTION, CUBIC_FEATURE, TRANSFORMER }

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
        Require.atLeast("layers", layers, 1);
        Require.atLeast("width", width, 1);
        Require.nonNegative("headDim", headDim);
        Require.notNull("mlp", mlp);
        Require.nonNegative("mlpWidth", mlpWidth);
        Require.notNull("norm", norm);
        Require.notNull("layout", layout);
        Require.notNull("lossPositions", lossPositions);
        equivalentTo = equivalentTo == null ? "" : equivalentTo.strip();
        if (init == OneLayerAttention.Init.EQUIVALENT_TO && architecture != Architecture.CUBIC_FEATURE) {
            throw new InvalidSettingException("init", "equivalent-to", "used with architecture: cubic-feature (it "
                    + "starts the network from an attention model's weights)");
        }
        if (lossPositions == Transformer.LossPositions.ALL_PREFIXES && layout != TokenLayout.INTERLEAVED) {
            throw new InvalidSettingException("lossPositions", "all-prefixes", "used with layout: interleaved (in "
                    + "the pair layout every token sees every label), got layout " + layout);
        }
    }
}
