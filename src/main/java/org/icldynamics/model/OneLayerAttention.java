package org.icldynamics.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.icldynamics.config.Doc;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.config.Require;
import org.icldynamics.config.Variant;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.DrawPrecision;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * One attention layer with {@code h} heads, read out at the query: every combination of linear or softmax scores,
 * merged or separate (rank R) key-query, merged or separate value-output (spec linear-attention.md A.2,
 * softmax-multihead.md A.2.1). Parameters map to effective circuits {@code (KQ_h, OV_h)} (see
 * {@link AttentionParameters} for the block names and shapes), an {@link AttentionKernel} computes loss and circuit
 * gradient, and the circuit gradient is chained back once per batch.
 *
 * <p>Linear scores with {@link Trainable#REDUCED} skip the tokens: the loss is computed from the sufficient
 * statistics {@code sum_l y_l x_l} (spec A.7), cached for the last batch object seen. A batch must therefore not be
 * modified after it was first passed to this model.
 *
 * <p>Loss: {@code factor * sum of squared errors / (b * outputs)} with the factor of the {@link LossConvention}.
 * Instances are not thread-safe (the kernel parallelises inside one call).
 */
public final class OneLayerAttention implements Model {
    /** How attention scores become weights. */
    public enum Scores { LINEAR, SOFTMAX }

    /**
     * Linear scores: divided by n, the number of context tokens (1 when n = 0; the query never counts), or a plain
     * sum (the linear paper's code).
     */
    public enum Normalisation { NONE, BY_CONTEXT_LENGTH }

    /** Key-query parametrisation. */
    public enum KeyQuery { MERGED, SEPARATE }

    /** Value-output parametrisation. */
    public enum ValueOutput { MERGED, SEPARATE }

    /** Whether the query token is one of the keys (the papers differ). */
    public enum QueryAttention { EXCLUDED, INCLUDED }

    /** Floating-point precision of the training kernel, and of the normals the run's prompts are drawn from. */
    public enum Precision {
        DOUBLE, FLOAT;

        /** The normals' arithmetic of a run in this precision ({@link DrawPrecision}). */
        public DrawPrecision draws() {
            return this == FLOAT ? DrawPrecision.FLOAT : DrawPrecision.DOUBLE;
        }
    }

    /**
     * Which entries train. ALL: every entry of every block. REDUCED: the linear paper's reduced form (A.7): only the
     * x-block of the key-query (U_h, or the x-columns of key and query) and the y-entries of the value-output (v_h)
     * are free; all other entries stay exactly zero (zero initial value, zero gradient).
     */
    public enum Trainable { ALL, REDUCED }

    /**
     * The model's settings, bound straight from the config's {@code model:} section when {@code architecture:
     * attention}; each component is a config key, checked once here.
     */
    @Variant(value = "attention", doc = "one attention layer")
    public record Spec(
            @Doc(value = "number of heads h", allowed = ">= 1") int heads,
            @Doc(value = "rank R of separate key-query; full = the token width D = d + tasks", allowed = "1..d+tasks",
                    word = "full") OptionalInt rank,
            @Doc("linear or softmax scores") Scores scores,
            @Doc("linear scores: none (plain sum) or by-context-length (1/n)") Normalisation normalisation,
            @Doc(value = "softmax temperature; default = 1/sqrt(D), D the token width d + tasks", allowed = "> 0",
                    word = "default") OptionalDouble temperature,
            @Doc("merged D x D key-query, or separate rank-R key and query") KeyQuery keyQuery,
            @Doc("merged value-output, or separate value and output") ValueOutput valueOutput,
            @Doc("whether the query attends to itself: excluded or included") QueryAttention queryAttention,
            @Doc("initialisation family (see Init; equivalent-to is for cubic-feature)") Init init,
            @Doc(value = "scale s of the initialisation (per family; torch-uniform has none: 0)", allowed = ">= 0")
            double initScale,
            @Doc("precision of the training kernel and of the prompts' normals: double or float (float draws the "
                    + "normals in float too, data stream version 4, so its prompts differ from a double run's with the "
                    + "same seed; faster than double at every head count measured: 1.2-1.4x with 1-4 heads at n 40, "
                    + "d 5 on 1 thread, 1.7x at W with 8 heads on 2; README Sessions 17-18)")
            Precision precision,
            @Doc("loss: mse = mean (yhat - y)^2 (the papers' code), half-mse = 1/2 of it (gradient-flow theory)")
            LossConvention loss,
            @Doc("all entries train, or reduced: only U_h (x-block of key-query) and v_h train (linear paper A.7)")
            Trainable trainable) implements ModelSpec {
        public Spec {
            Require.atLeast("heads", heads, 1);
            Require.atLeast("rank", rank, 1);
            Require.notNull("scores", scores);
            Require.notNull("normalisation", normalisation);
            Require.positive("temperature", temperature);
            Require.notNull("keyQuery", keyQuery);
            Require.notNull("valueOutput", valueOutput);
            Require.notNull("queryAttention", queryAttention);
            Require.notNull("init", init);
            Require.nonNegative("initScale", initScale);
            Require.notNull("precision", precision);
            Require.notNull("loss", loss);
            Require.notNull("trainable", trainable);
            if (init == Init.EQUIVALENT_TO) {
                throw new InvalidSettingException("init", "equivalent-to", "used with architecture: cubic-feature (it "
                        + "starts the network from an attention model's weights)");
            }
            if (!init.readsScale("") && initScale != 0) {
                throw new InvalidSettingException("initScale", initScale, "0 with init: torch-uniform (PyTorch's "
                        + "default U(-1/sqrt(fan_in), 1/sqrt(fan_in)) has no scale; init gaussian, linear-paper, "
                        + "identity and identity-inclined take one)");
            }
        }

        /**
         * The key-query rank for token width {@code tokenWidth} = d + tasks, the one place it is resolved: the number
         * given, or D for {@code full}; separate key-query of more than D is an error.
         */
        public int rank(int tokenWidth) {
            int r = rank.orElse(tokenWidth);
            if (keyQuery == KeyQuery.SEPARATE && r > tokenWidth) {
                throw new InvalidSettingException("rank", r, "at most the token width D = d + tasks = " + tokenWidth
                        + " (rank " + r + " > D)");
            }
            return r;
        }

        /**
         * The softmax temperature for token width {@code tokenWidth} = d + tasks, the one place its default is
         * derived: the number given, or 1/sqrt(D).
         */
        public double temperature(int tokenWidth) {
            return temperature.isPresent() ? temperature.getAsDouble() : 1.0 / Math.sqrt(tokenWidth);
        }

        /** The multiplier folded into KQ: the temperature for softmax scores, 1 for linear. */
        public double scoreMultiplier(int width) {
            return scores == Scores.LINEAR ? 1.0 : temperature(width);
        }

        /** {@inheritDoc} Float runs draw float normals ({@link DrawPrecision#FLOAT}; README Session 18). */
        @Override
        public DrawPrecision draws() {
            return precision.draws();
        }

        /** {@inheritDoc} The training context length {@code n} is not needed: normalisation uses each batch's n. */
        @Override
        public OneLayerAttention build(int d, int outputs, int n, RandomStreams streams, BlockParallel parallel) {
            KernelShape shape = new KernelShape(heads, d, outputs, scores, normalisation, queryAttention);
            return new OneLayerAttention(this, shape, streams, AttentionKernels.create(shape, precision, parallel),
                    parallel);
        }
    }

    private final Spec spec;
    private final KernelShape shape;
    private final AttentionKernel kernel;
    private final BlockParallel parallel;
    private final AttentionParameters layout;
    private final double[] params;
    private final double[] kq;
    private final double[] ov;
    private final double[] gkq;
    private final double[] gov;
    private final double[] xb;
    private final double[] yb;
    private final double[] gxb;
    private final double[] gyb;
    private LinearSufficientStatistics statistics;

    OneLayerAttention(Spec spec, KernelShape shape, RandomStreams streams, AttentionKernel kernel,
                      BlockParallel parallel) {
        int width = shape.tokenWidth();
        this.spec = spec;
        this.shape = shape;
        this.kernel = kernel;
        this.parallel = parallel;
        this.layout = new AttentionParameters(spec.heads(), shape.d(), shape.outputs(), spec.keyQuery(),
                spec.rank(width), spec.valueOutput(), spec.trainable(), spec.scoreMultiplier(width));
        this.params = new double[layout.size()];
        AttentionInitialisation.fill(spec.init(), spec.initScale(), layout, shape.d(), shape.outputs(), streams,
                params);
        this.kq = new double[spec.heads() * width * width];
        this.ov = new double[spec.heads() * shape.outputs() * width];
        this.gkq = new double[kq.length];
        this.gov = new double[ov.length];
        this.xb = new double[spec.heads() * shape.d() * shape.d()];
        this.gxb = new double[xb.length];
        this.yb = new double[spec.heads() * shape.outputs() * shape.outputs()];
        this.gyb = new double[yb.length];
    }

    public Spec spec() {
        return spec;
    }

    /** Input dimension d. */
    public int d() {
        return shape.d();
    }

    /** Label slots per token. */
    public int outputs() {
        return shape.outputs();
    }

    @Override
    public String name() {
        return spec.scores().name().toLowerCase(java.util.Locale.ROOT) + "-attention-h" + spec.heads();
    }

    @Override
    public double[] parameters() {
        return params;
    }

    @Override
    public List<ParameterBlock> blocks() {
        return layout.blocks();
    }

    /** 1 for a trainable entry of {@link #parameters()}, 0 for an entry fixed at zero; a copy. */
    public double[] trainableMask() {
        return layout.mask().clone();
    }

    @Override
    public double lossAndGradient(PromptBatch batch, double[] grad) {
        checkBatch(batch);
        if (grad.length != params.length) {
            throw new IllegalArgumentException("gradient has length " + grad.length + ", expected " + params.length);
        }
        layout.toCircuits(params, kq, ov);
        double sse = usesStatistics()
                ? statisticsOf(batch).sumSquaredError(spec.heads(), xBlocks(), yBlocks(), gxb, gyb, null, parallel)
                : kernel.sumSquaredErrorAndGradient(batch, kq, ov, gkq, gov);
        if (usesStatistics()) {
            scatterReducedGradient();
        }
        double scale = spec.loss().factor() / ((double) batch.b * shape.outputs());
        layout.chainBack(params, gkq, gov, scale, grad);
        return scale * sse;
    }

    /**
     * A loss of the reduced circuits instead of a batch's (for example the exact population loss), and its gradient
     * chained back to the parameters. Needs linear scores and {@link Trainable#REDUCED}, where the reduced circuits
     * are the whole model.
     *
     * @param grad overwritten with the gradient, same length as {@link #parameters()}
     */
    public double lossAndGradient(ReducedCircuitLoss loss, double[] grad) {
        requireReduced();
        if (grad.length != params.length) {
            throw new IllegalArgumentException("gradient has length " + grad.length + ", expected " + params.length);
        }
        layout.toCircuits(params, kq, ov);
        double value = loss.lossAndGradient(xBlocks(), yBlocks(), gxb, gyb);
        scatterReducedGradient();
        layout.chainBack(params, gkq, gov, 1.0, grad);
        return value;
    }

    /** {@link #lossAndGradient(ReducedCircuitLoss, double[])} without the gradient. */
    public double loss(ReducedCircuitLoss loss) {
        requireReduced();
        layout.toCircuits(params, kq, ov);
        return loss.lossAndGradient(xBlocks(), yBlocks(), null, null);
    }

    private void requireReduced() {
        if (!usesStatistics()) {
            throw new IllegalStateException("a loss of the reduced circuits needs linear scores and trainable: reduced");
        }
    }

    @Override
    public double loss(PromptBatch batch) {
        checkBatch(batch);
        double[] out = predict(batch);
        double sse = 0.0;
        for (int i = 0; i < out.length; i++) { // [b, outputs]
            double r = out[i] - batch.yq[i];
            sse += r * r;
        }
        return spec.loss().factor() * sse / ((double) batch.b * shape.outputs());
    }

    @Override
    public double[] predict(PromptBatch batch) {
        layout.toCircuits(params, kq, ov);
        if (!usesStatistics()) {
            return predictWith(batch, kq, ov);
        }
        checkShape(batch);
        double[] out = new double[batch.b * shape.outputs()];
        statisticsOf(batch).sumSquaredError(spec.heads(), xBlocks(), yBlocks(), null, null, out, parallel);
        return out;
    }

    @Override
    public List<HeadCircuit> circuits() {
        layout.toCircuits(params, kq, ov);
        int width = shape.tokenWidth();
        int o = shape.outputs();
        List<HeadCircuit> list = new ArrayList<>(spec.heads());
        for (int h = 0; h < spec.heads(); h++) {
            double[] k = Arrays.copyOfRange(kq, h * width * width, (h + 1) * width * width);
            double[] v = Arrays.copyOfRange(ov, h * o * width, (h + 1) * o * width);
            list.add(new HeadCircuit(h, width, o, k, v));
        }
        return List.copyOf(list);
    }

    @Override
    public int heads() {
        return spec.heads();
    }

    /** {@inheritDoc} A head's output is its contribution to the prediction; the circuits are read now. */
    @Override
    public Predictor intervened(List<HeadIntervention> edits) {
        HeadGates g = AdditiveHeads.gates(edits, spec.heads(), shape.outputs());
        double[] ekq = new double[kq.length];
        double[] eov = new double[ov.length];
        layout.toCircuits(params, ekq, eov);
        AdditiveHeads.gate(g, eov, shape.outputs() * shape.tokenWidth());
        return AdditiveHeads.predictor(name(), edits, g, spec.heads(), shape.outputs(),
                batch -> predictWith(batch, ekq, eov));
    }

    /** {@inheritDoc} {@code [1][heads][outputs]}: each head's contribution to the prediction. */
    @Override
    public double[][][] headOutputMeans(PromptBatch batch) {
        return AdditiveHeads.means(this, shape.outputs(), batch);
    }

    /** The kernel's predictions {@code [b, outputs]} with circuits {@code kq}, {@code ov} (not modified). */
    private double[] predictWith(PromptBatch batch, double[] kq, double[] ov) {
        checkShape(batch);
        double[] out = new double[batch.b * shape.outputs()];
        kernel.predict(batch, kq, ov, out);
        return out;
    }

    /** {@inheritDoc} True on the kernels' path (every {@link AttentionKernel} runs through {@link KernelBlocks}). */
    @Override
    public boolean drawsBlocks() {
        return !usesStatistics();
    }

    private boolean usesStatistics() {
        return spec.scores() == Scores.LINEAR && spec.trainable() == Trainable.REDUCED;
    }

    private LinearSufficientStatistics statisticsOf(PromptBatch batch) {
        if (statistics == null || !statistics.isOf(batch)) {
            statistics = LinearSufficientStatistics.of(batch, spec.normalisation());
        }
        return statistics;
    }

    /** {@code [h, d, d]} x-blocks of the current KQ circuits. */
    private double[] xBlocks() {
        return ReducedCircuits.xBlocks(kq, spec.heads(), shape, xb);
    }

    /** {@code [h, outputs, outputs]} y-columns of the current OV circuits. */
    private double[] yBlocks() {
        return ReducedCircuits.yBlocks(ov, spec.heads(), shape, yb);
    }

    /** Writes the reduced gradients into the circuit gradients (zero outside the x-block and the y-columns). */
    private void scatterReducedGradient() {
        ReducedCircuits.scatter(gxb, gyb, spec.heads(), shape, gkq, gov);
    }

    private void checkShape(PromptBatch batch) {
        if (batch.d != shape.d() || batch.outputs != shape.outputs()) {
            throw new IllegalArgumentException("batch has d=" + batch.d + " outputs=" + batch.outputs
                    + " but the model was built for d=" + shape.d() + " outputs=" + shape.outputs());
        }
    }

    private void checkBatch(PromptBatch batch) {
        checkShape(batch);
        if (batch.b == 0) {
            throw new IllegalArgumentException("the loss of an empty batch (b = 0) is undefined");
        }
    }
}
