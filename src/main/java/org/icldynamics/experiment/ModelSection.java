package org.icldynamics.experiment;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.icldynamics.model.LossConvention;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.model.TokenLayout;
import org.icldynamics.model.Transformer;
import org.icldynamics.config.Doc;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.config.Require;
import org.icldynamics.config.SelectedBy;

/**
 * The architecture; the names of the variants are those of {@link OneLayerAttention} and {@link Transformer}. Keys
 * {@code layers} to {@code lossPositions} are read only by the transformer (spec sparse-multilayer.md B.2; its sizes are
 * reconstructions).
 */
@SelectedBy("architecture")
public record ModelSection(
        @Doc("attention (one attention layer), cubic-feature (its equivalent two-layer network) or transformer "
                + "(multi-layer, multi-head; sparse-multilayer spec)")
        Architecture architecture,
        @Doc(value = "number of heads h", allowed = ">= 1") int heads,
        @Doc(value = "rank R of separate key-query; full = the token width D = d + tasks", allowed = "1..d+tasks",
                only = "attention", word = "full") OptionalInt rank,
        @Doc(value = "linear or softmax scores", only = {"attention", "transformer"}) OneLayerAttention.Scores scores,
        @Doc("linear scores: none (plain sum) or by-context-length (1/n)") OneLayerAttention.Normalisation normalisation,
        @Doc(value = "softmax temperature; default = 1/sqrt(D) (attention: token width d + tasks; transformer: the "
                + "head width)", allowed = "> 0", only = {"attention", "transformer"}, word = "default")
        OptionalDouble temperature,
        @Doc(value = "merged D x D key-query, or separate rank-R key and query", only = "attention") OneLayerAttention.KeyQuery keyQuery,
        @Doc(value = "merged value-output, or separate value and output", only = "attention") OneLayerAttention.ValueOutput valueOutput,
        @Doc(value = "whether the query attends to itself: excluded or included", only = "attention") OneLayerAttention.QueryAttention queryAttention,
        @Doc(value = "initialisation family (see OneLayerAttention.Init; equivalent-to for cubic-feature)", only = {"attention", "cubic-feature"}) OneLayerAttention.Init init,
        @Doc(value = "scale of the initialisation (std or bound, per family)", allowed = ">= 0") double initScale,
        @Doc(value = "precision of the training kernel: double or float", only = "attention") OneLayerAttention.Precision precision,
        @Doc("loss: mse = mean (yhat - y)^2 (the papers' code), half-mse = 1/2 of it (gradient-flow theory)")
        LossConvention loss,
        @Doc(value = "all entries train, or reduced: only U_h (x-block of key-query) and v_h train (linear paper A.7)", only = "attention")
        OneLayerAttention.Trainable trainable,
        @Doc(value = "transformer: number of layers L", allowed = ">= 1", only = "transformer") int layers,
        @Doc(value = "transformer: residual width W", allowed = ">= 1", only = "transformer") int width,
        @Doc(value = "transformer: per-head key/query/value width; 0 = width / heads", allowed = ">= 0", only = "transformer") int headDim,
        @Doc(value = "transformer: MLP after each attention block: none, gelu or relu", only = "transformer") Transformer.Activation mlp,
        @Doc(value = "transformer: MLP hidden width; 0 = 4 * width", allowed = ">= 0", only = "transformer") int mlpWidth,
        @Doc(value = "transformer: LayerNorm placement: pre (GPT-2, plus a final LN), post or none (the theory's model)", only = "transformer")
        Transformer.Norm norm,
        @Doc(value = "transformer: token layout: pair (one (x, y) token per example) or interleaved (x and y tokens, causal)", only = "transformer")
        TokenLayout layout,
        @Doc(value = "transformer: positions the training loss scores: query, or all-prefixes (Garg et al.: every x token "
                + "predicts its label from the examples before it, plus the query; needs layout interleaved); "
                + "evaluation always reads the query", only = "transformer")
        Transformer.LossPositions lossPositions,
        @Doc(value = "init equivalent-to (cubic-feature only): the merged attention model whose initial weights the "
                + "network starts from: a run directory (its step-0 snapshot) or a config file (its model drawn from its "
                + "seed); empty = this config as merged, reduced attention with init linear-paper", only = "cubic-feature")
        String equivalentTo) {

    /** Which model file the config selects. */
    public enum Architecture { ATTENTION, CUBIC_FEATURE, TRANSFORMER }

    public ModelSection {
        Require.notNull("architecture", architecture);
        Require.notNull("rank", rank);
        if (rank.isPresent()) {
            Require.atLeast("rank", rank.getAsInt(), 1);
        }
        Require.notNull("scores", scores);
        Require.notNull("normalisation", normalisation);
        Require.notNull("temperature", temperature);
        if (temperature.isPresent()) {
            Require.positive("temperature", temperature.getAsDouble());
        }
        Require.notNull("keyQuery", keyQuery);
        Require.notNull("valueOutput", valueOutput);
        Require.notNull("queryAttention", queryAttention);
        Require.notNull("init", init);
        Require.nonNegative("initScale", initScale);
        Require.notNull("precision", precision);
        Require.notNull("loss", loss);
        Require.notNull("trainable", trainable);
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
        if (architecture == Architecture.TRANSFORMER && precision != OneLayerAttention.Precision.DOUBLE) {
            throw new InvalidSettingException("precision", precision, "double for the transformer");
        }
    }

    /** The key-query rank for token width {@code tokenWidth} = d + tasks: the number given, or D for full. */
    public int rank(int tokenWidth) {
        return rank.orElse(tokenWidth);
    }

    /**
     * The softmax temperature, the one place its default is derived: the number given, or 1/sqrt(D) with D the
     * token width {@code tokenWidth} = d + tasks (attention) or the per-head width (transformer).
     */
    public double temperature(int tokenWidth) {
        if (temperature.isPresent()) {
            return temperature.getAsDouble();
        }
        return 1.0 / Math.sqrt(architecture == Architecture.TRANSFORMER ? headWidth() : tokenWidth);
    }

    /** The transformer's per-head key/query/value width: headDim, or width / heads when it is 0. */
    public int headWidth() {
        return headDim == 0 ? width / Math.max(heads, 1) : headDim;
    }
}
