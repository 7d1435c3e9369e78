package org.icldynamics.model;

import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import org.icldynamics.config.Doc;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.config.Require;
import org.icldynamics.config.Variant;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * A multi-layer, multi-head transformer read out at the query (spec sparse-multilayer.md B.2): linear read-in of
 * each token, {@code layers} blocks of multi-head attention (softmax or linear scores) each optionally followed by an
 * MLP, residual connections, LayerNorm (pre, post or none), and a linear read-out of the query token. With linear
 * scores, no MLP and no LayerNorm it is the theory's linear-attention-only stack. Forward and backward run per fixed
 * block of {@link RandomStreams#BLOCK} prompts with per-block gradients summed in block order, so results are bit
 * identical on any number of threads.
 */
public final class Transformer implements ResidualStreamModel {
    /** MLP non-linearity; NONE means no MLP. */
    public enum Activation { NONE, GELU, RELU }

    /**
     * Which forward/backward implementation runs: the per-prompt, per-row reference ({@link TransformerPass}) or the
     * blocked one that treats the tokens of {@link #PROMPTS_PER_PASS} prompts as matrices and calls register-blocked
     * GEMM kernels ({@link TransformerBlockPass}). Same maths; results agree to rounding (not bit for bit).
     */
    public enum Kernel { REFERENCE, BLOCKED }

    /** Prompts per blocked pass: the fixed block of the parallel loop and of the gradient reduction. */
    public static final int PROMPTS_PER_PASS = 16;

    /** Where LayerNorm sits: GPT-2's pre-LN (plus a final LN), the original post-LN, or none (the theory's model). */
    public enum Norm { PRE, POST, NONE }

    /**
     * Which positions the training loss scores. QUERY: only the query's prediction (the papers' code for one-layer
     * attention). ALL_PREFIXES: Garg et al.'s objective (spec sparse-multilayer.md B.3): the read-out is applied at
     * every x token of the {@link TokenLayout#INTERLEAVED} layout and the query, token {@code 2i} predicts {@code y_i}
     * from the {@code i} examples before it (causal mask), and the loss is the mean over these {@code n + 1}
     * positions. Predictions ({@link Transformer#predict}) and evaluation always read the query.
     */
    public enum LossPositions { QUERY, ALL_PREFIXES }

    /**
     * The transformer's settings, bound straight from the config's {@code model:} section when {@code architecture:
     * transformer}; each component is a config key, checked once here. Its sizes are reconstructions (spec
     * sparse-multilayer.md B.2).
     */
    @Variant(value = "transformer", doc = "multi-layer, multi-head; sparse-multilayer spec")
    public record Spec(
            @Doc(value = "number of heads h per layer", allowed = ">= 1") int heads,
            @Doc("linear or softmax scores") OneLayerAttention.Scores scores,
            @Doc("linear scores: none (plain sum) or by-context-length (divide by the number of keys)")
            OneLayerAttention.Normalisation normalisation,
            @Doc(value = "softmax temperature; default = 1/sqrt(head width)", allowed = "> 0", word = "default")
            OptionalDouble temperature,
            @Doc(value = "weights N(0, initScale^2 / fan_in); LayerNorm gains 1, biases 0; 0 means 1",
                    allowed = ">= 0") double initScale,
            @Doc("loss: mse = mean (yhat - y)^2 (the papers' code), half-mse = 1/2 of it (gradient-flow theory)")
            LossConvention loss,
            @Doc(value = "number of layers L", allowed = ">= 1") int layers,
            @Doc(value = "residual width W", allowed = ">= 1") int width,
            @Doc(value = "per-head key/query/value width; 0 = width / heads", allowed = ">= 0") int headDim,
            @Doc("MLP after each attention block: none, gelu or relu") Activation mlp,
            @Doc(value = "MLP hidden width; 0 = 4 * width", allowed = ">= 0") int mlpWidth,
            @Doc("LayerNorm placement: pre (GPT-2, plus a final LN), post or none (the theory's model)") Norm norm,
            @Doc("token layout: pair (one (x, y) token per example) or interleaved (x and y tokens, causal)")
            TokenLayout layout,
            @Doc("positions the training loss scores: query, or all-prefixes (Garg et al.: every x token predicts its "
                    + "label from the examples before it, plus the query; needs layout interleaved); evaluation "
                    + "always reads the query") LossPositions lossPositions)
            implements ModelSpec {
        public Spec {
            Require.notNull("scores", scores);
            Require.notNull("normalisation", normalisation);
            Require.positive("temperature", temperature);
            Require.nonNegative("initScale", initScale);
            Require.notNull("loss", loss);
            Require.nonNegative("headDim", headDim);
            Require.notNull("mlp", mlp);
            Require.nonNegative("mlpWidth", mlpWidth);
            Require.notNull("norm", norm);
            Require.notNull("layout", layout);
            Require.notNull("lossPositions", lossPositions);
            if (lossPositions == LossPositions.ALL_PREFIXES && layout != TokenLayout.INTERLEAVED) {
                throw new InvalidSettingException("lossPositions", "all-prefixes", "used with layout: interleaved (in "
                        + "the pair layout every token sees every label), got layout " + layout);
            }
            Require.atLeast("layers", layers, 1);
            Require.atLeast("heads", heads, 1);
            Require.atLeast("width", width, 1);
            if (headDim == 0 && width % heads != 0) {
                throw new InvalidSettingException("width", width, "a multiple of heads = " + heads + ", or set headDim");
            }
        }

        /**
         * The architecture-first form used by code (benchmarks, constructions, tests).
         *
         * @param layers number of blocks L >= 1
         * @param heads heads per layer h >= 1
         * @param width residual width W
         * @param headDim per-head key/query/value width dk; 0 means {@code width / heads}
         * @param temperature softmax score multiplier; NaN means {@code 1/sqrt(dk)}
         * @param mlpWidth MLP hidden width M; 0 means {@code 4 * width}
         * @param initScale weights are N(0, initScale^2 / fan_in); 0 means 1
         * @param lossPositions positions the training loss scores (ALL_PREFIXES needs the interleaved layout)
         */
        public Spec(int layers, int heads, int width, int headDim, OneLayerAttention.Scores scores,
                    OneLayerAttention.Normalisation normalisation, double temperature, Activation mlp,
                    int mlpWidth, Norm norm, TokenLayout layout, double initScale, LossConvention loss,
                    LossPositions lossPositions) {
            this(heads, scores, normalisation, Double.isNaN(temperature) ? OptionalDouble.empty()
                    : OptionalDouble.of(temperature), initScale, loss, layers, width, headDim, mlp, mlpWidth, norm,
                    layout, lossPositions);
        }

        /** The spec scoring only the query (the form before {@code lossPositions} existed). */
        public Spec(int layers, int heads, int width, int headDim, OneLayerAttention.Scores scores,
                    OneLayerAttention.Normalisation normalisation, double temperature, Activation mlp,
                    int mlpWidth, Norm norm, TokenLayout layout, double initScale, LossConvention loss) {
            this(layers, heads, width, headDim, scores, normalisation, temperature, mlp, mlpWidth, norm, layout,
                    initScale, loss, LossPositions.QUERY);
        }

        /** GPT-2-like defaults: softmax, GELU MLP of width 4W, pre-LN, pair tokens, initScale 1, MSE on the query. */
        public static Spec gpt(int layers, int heads, int width) {
            return new Spec(layers, heads, width, 0, OneLayerAttention.Scores.SOFTMAX,
                    OneLayerAttention.Normalisation.BY_CONTEXT_LENGTH, Double.NaN, Activation.GELU, 0, Norm.PRE,
                    TokenLayout.PAIR, 1.0, LossConvention.MSE);
        }

        /** The same spec scoring {@code positions}. */
        public Spec withLossPositions(LossPositions positions) {
            return new Spec(heads, scores, normalisation, temperature, initScale, loss, layers, width, headDim, mlp,
                    mlpWidth, norm, layout, positions);
        }

        /** Number of scored positions per prompt of context length {@code n}: 1 or {@code n + 1}. */
        public int scoredPositions(int n) {
            return lossPositions == LossPositions.ALL_PREFIXES ? n + 1 : 1;
        }

        /** Token row of scored position {@code j} (the last one is the query) in a prompt of context length n. */
        public int scoredRow(int j, int n) {
            return j == scoredPositions(n) - 1 ? layout.tokens(n) - 1 : 2 * j;
        }

        public int headDimension() {
            return headDim > 0 ? headDim : width / heads;
        }

        public int mlpHidden() {
            return mlpWidth > 0 ? mlpWidth : 4 * width;
        }

        /** The softmax temperature, the one place its default is derived: the number given, or 1/sqrt(dk). */
        public double softmaxTemperature() {
            return temperature.isPresent() ? temperature.getAsDouble() : 1.0 / Math.sqrt(headDimension());
        }

        /** The std scale of the initial weights: initScale, or 1 when it is 0 (N(0, 1/fan_in)). */
        public double weightScale() {
            return initScale == 0 ? 1.0 : initScale;
        }

        /** LayerNorm's epsilon (GPT-2's value). */
        public double lnEpsilon() {
            return 1e-5;
        }

        @Override
        public Transformer build(int d, int outputs, int n, RandomStreams streams, BlockParallel parallel) {
            return new Transformer(this, d, outputs, streams, parallel, Kernel.BLOCKED);
        }

        /** {@link #build} with a chosen implementation (benchmarks and the reference-agreement test). */
        public Transformer build(int d, int outputs, int n, RandomStreams streams, BlockParallel parallel,
                                 Kernel kernel) {
            return new Transformer(this, d, outputs, streams, parallel, kernel);
        }
    }

    private final Spec spec;
    private final int d;
    private final TransformerParameters pl;
    private final double[] params;
    private final TransformerReferenceLoop reference;
    private final TransformerBlockedLoop blocked;
    private final Kernel kernel;

    Transformer(Spec spec, int d, int outputs, RandomStreams streams, BlockParallel parallel, Kernel kernel) {
        this.spec = spec;
        this.kernel = kernel;
        this.d = d;
        this.pl = new TransformerParameters(spec, d + outputs, outputs);
        this.params = new double[pl.size];
        this.reference = new TransformerReferenceLoop(spec, pl, params, parallel);
        this.blocked = new TransformerBlockedLoop(spec, pl, params, parallel);
        int bi = 0;
        for (TransformerParameters.Block b : pl.blocks) {
            init(b.block(), b.init(), streams.stream("init", bi++));
        }
    }

    /** Block {@code b} as its {@code init} says (biases stay 0); stream {@code rng} is the block's own. */
    private void init(ParameterBlock b, TransformerParameters.Init init, SplittableRandom rng) {
        switch (init) {
            case ONES -> java.util.Arrays.fill(params, b.offset(), b.offset() + b.size(), 1.0);
            case FAN_IN_GAUSSIAN -> {
                double std = spec.weightScale() / Math.sqrt(b.shape()[0]);
                for (int i = 0; i < b.size(); i++) {
                    params[b.offset() + i] = std * rng.nextGaussian();
                }
            }
            case ZEROS -> {
            }
        }
    }

    public Spec spec() {
        return spec;
    }

    public int d() {
        return d;
    }

    public int outputs() {
        return pl.outputs;
    }

    @Override
    public String name() {
        return "transformer-L" + spec.layers() + "-h" + spec.heads() + "-" + spec.scores().name().toLowerCase();
    }

    @Override
    public double[] parameters() {
        return params;
    }

    @Override
    public List<ParameterBlock> blocks() {
        return pl.blocks.stream().map(TransformerParameters.Block::block).toList();
    }

    /** The offset of block {@code name} in {@link #parameters()}. */
    public int offset(String name) {
        for (ParameterBlock b : blocks()) {
            if (b.name().equals(name)) {
                return b.offset();
            }
        }
        throw new IllegalArgumentException("no parameter block named " + name);
    }

    @Override
    public double lossAndGradient(PromptBatch batch, double[] grad) {
        return run(batch, List.of(), grad, null, null);
    }

    @Override
    public double loss(PromptBatch batch) {
        return run(batch, List.of(), null, null, null);
    }

    /** Loss and gradient under {@code edits} (for analysis and its gradient checks). */
    public double lossAndGradient(PromptBatch batch, List<HeadIntervention> edits, double[] grad) {
        return run(batch, edits, grad, null, null);
    }

    @Override
    public double[] predict(PromptBatch batch) {
        return predict(batch, List.of());
    }

    /** Predictions {@code [b, outputs]} under {@code edits} (empty: the unmodified model). */
    public double[] predict(PromptBatch batch, List<HeadIntervention> edits) {
        double[] out = new double[batch.b * pl.outputs];
        run(batch, edits, null, out, null);
        return out;
    }

    @Override
    public int layers() {
        return pl.layers;
    }

    @Override
    public int heads() {
        return pl.heads;
    }

    @Override
    public int width() {
        return pl.width;
    }

    @Override
    public Predictor intervened(List<HeadIntervention> edits) {
        List<HeadIntervention> copy = List.copyOf(edits);
        HeadGates.of(copy, pl.layers, pl.heads, -1); // addresses checked now, mean lengths per batch
        return new Predictor() {
            @Override
            public String name() {
                return Transformer.this.name() + copy.stream().map(HeadIntervention::label).toList();
            }

            @Override
            public double[] predict(PromptBatch batch) {
                return Transformer.this.predict(batch, copy);
            }
        };
    }

    /**
     * {@inheritDoc} Before the final LayerNorm: {@code [layers + 1][b, width]}.
     */
    @Override
    public double[][] queryStates(PromptBatch batch, List<HeadIntervention> edits) {
        double[][] out = new double[pl.layers + 1][batch.b * pl.width];
        run(batch, edits, null, null, out);
        return out;
    }

    /**
     * {@inheritDoc} Here a head's output is taken before the output projection, per token:
     * {@code [layers][heads][T * dk]} for prompts of {@code T} tokens; see
     * {@link TransformerBlockedLoop#headOutputMeans}.
     */
    @Override
    public double[][][] headOutputMeans(PromptBatch batch) {
        return blocked.headOutputMeans(batch);
    }

    /** Multi-layer stacks have no exact token-space circuit per head; analysis reads the named blocks instead. */
    @Override
    public List<HeadCircuit> circuits() {
        return List.of();
    }

    private double run(PromptBatch batch, List<HeadIntervention> edits, double[] grad, double[] predOut,
                       double[][] states) {
        if (batch.d != d || batch.outputs != pl.outputs) {
            throw new IllegalArgumentException("model expects d=" + d + ", outputs=" + pl.outputs + "; batch has d="
                    + batch.d + ", outputs=" + batch.outputs);
        }
        HeadGates mask = HeadGates.of(edits, pl.layers, pl.heads, spec.layout().tokens(batch.n) * pl.dk);
        if (kernel == Kernel.BLOCKED) {
            return blocked.run(batch, mask, grad, predOut, states);
        }
        return reference.run(batch, mask, grad, predOut, states);
    }

    /** Label of scored position {@code j} of prompt {@code p}: {@code y_j} of the context, or the query's. */
    static double target(PromptBatch batch, int p, int j, int scored, int o) {
        return j == scored - 1 ? batch.yq[p * batch.outputs + o] : batch.y[batch.yIndex(p, j) + o];
    }

}
