package org.icldynamics.model;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.config.Doc;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.config.Require;
import org.icldynamics.config.Variant;
import org.icldynamics.data.Normals;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * Two-layer linear network on the cubic feature {@code z = vec(b x_q^T)}, equivalent to merged linear attention
 * (spec linear-attention.md A.2.4): {@code yhat = w_2^T W_1 z} with {@code b = sum_l y_l x_l} (normalisation NONE) or
 * {@code b / n} (BY_CONTEXT_LENGTH). Blocks: {@code fc1} [H, d*d], row-major so that {@code fc1[i, a*d + c]}
 * multiplies {@code b_a x_{q,c}} (row i = vec(U_i)); {@code fc2} [H] (entries v_i). Single output only.
 *
 * <p>Head i's equivalent attention circuit has x-block {@code KQ_i[0:d, 0:d] = U_i}, {@code OV_i = v_i e_y^T} and
 * zeros elsewhere: this network computes exactly the REDUCED merged linear attention with those weights.
 * Instances are not thread-safe (parallelism is inside one call).
 */
public final class CubicFeatureNetwork implements Model {
    /**
     * The network's settings, bound straight from the config's {@code model:} section when {@code architecture:
     * cubic-feature}; each component is a config key, checked once here.
     */
    @Variant(value = "cubic-feature", doc = "the two-layer network equivalent to one linear attention layer")
    public record Spec(
            @Doc(value = "hidden width H (the attention model's number of heads h)", allowed = ">= 1") int heads,
            @Doc("convention of the feature b: none (plain sum) or by-context-length (1/n)")
            OneLayerAttention.Normalisation normalisation,
            @Doc("gaussian (every weight N(0, initScale^2)) or equivalent-to (start from an attention model's "
                    + "weights, see equivalentTo); set one: the default torch-uniform and the other families are "
                    + "rejected (runs stored when they drew gaussian load as gaussian)") Init init,
            @Doc(value = "std of every weight, N(0, initScale^2); 0 with equivalent-to from a given equivalentTo",
                    allowed = ">= 0") double initScale,
            @Doc("loss: mse = mean (yhat - y)^2 (the papers' code), half-mse = 1/2 of it (gradient-flow theory)")
            LossConvention loss,
            @Doc("init equivalent-to: the merged attention model whose initial weights the network starts from: a run "
                    + "directory (its step-0 snapshot) or a config file (its model drawn from its seed); empty = this "
                    + "config as merged, reduced attention with init linear-paper") String equivalentTo)
            implements ModelSpec {
        public Spec {
            Require.atLeast("heads", heads, 1);
            Require.notNull("normalisation", normalisation);
            Require.notNull("init", init);
            Require.nonNegative("initScale", initScale);
            Require.notNull("loss", loss);
            equivalentTo = equivalentTo == null ? "" : equivalentTo.strip();
            if (!honours(init)) {
                throw new InvalidSettingException("init", init, "gaussian (every weight N(0, initScale^2)) or "
                        + "equivalent-to (an attention model's weights) with architecture: cubic-feature");
            }
            if (!init.readsScale(equivalentTo) && initScale != 0) {
                throw new InvalidSettingException("initScale", initScale, "0 with init: equivalent-to from "
                        + "equivalentTo " + equivalentTo + " (every weight is copied from that model; initScale scales "
                        + "drawn weights, and with equivalentTo empty this config's own attention twin)");
            }
        }

        /**
         * Whether the network honours {@code init}: gaussian and equivalent-to. It drew every other family as
         * gaussian before they were rejected, so a stored run naming one trained with gaussian.
         */
        public static boolean honours(Init init) {
            return init == Init.GAUSSIAN || init == Init.EQUIVALENT_TO;
        }

        /** Linear: the network is merged linear attention in its reduced form. */
        @Override
        public OneLayerAttention.Scores scores() {
            return OneLayerAttention.Scores.LINEAR;
        }

        /** Gaussian weights N(0, initScale^2) with normalisation and loss convention given. */
        public Spec(int heads, double initScale, OneLayerAttention.Normalisation normalisation, LossConvention loss) {
            this(heads, normalisation, Init.GAUSSIAN, initScale, loss, "");
        }

        /** The linear paper's code: plain sum b, MSE loss. */
        public Spec(int heads, double initScale) {
            this(heads, initScale, OneLayerAttention.Normalisation.NONE, LossConvention.MSE);
        }

        /** {@inheritDoc} The training context length {@code n} is not needed: b uses each batch's n. */
        @Override
        public CubicFeatureNetwork build(int d, int outputs, int n, RandomStreams streams, BlockParallel parallel) {
            if (outputs != 1) {
                throw new IllegalArgumentException("CubicFeatureNetwork has a single output; the task has " + outputs);
            }
            return new CubicFeatureNetwork(this, d, streams, parallel);
        }
    }

    private final Spec spec;
    private final int d;
    private final BlockParallel parallel;
    private final double[] params;
    private final double[] u;
    private final double[] v;
    private final double[] gu;
    private final double[] gv;
    private LinearSufficientStatistics statistics;

    private CubicFeatureNetwork(Spec spec, int d, RandomStreams streams, BlockParallel parallel) {
        this.spec = spec;
        this.d = d;
        this.parallel = parallel;
        int h = spec.heads();
        this.params = new double[h * d * d + h];
        Normals.fill(streams.stream("init", 0), params, 0, h * d * d);
        Normals.fill(streams.stream("init", 1), params, h * d * d, h);
        for (int i = 0; i < params.length; i++) {
            params[i] *= spec.initScale();
        }
        this.u = new double[h * d * d];
        this.v = new double[h];
        this.gu = new double[u.length];
        this.gv = new double[h];
    }

    public Spec spec() {
        return spec;
    }

    @Override
    public String name() {
        return "cubic-feature-network-h" + spec.heads();
    }

    @Override
    public double[] parameters() {
        return params;
    }

    @Override
    public List<ParameterBlock> blocks() {
        int h = spec.heads();
        return List.of(new ParameterBlock("fc1", 0, new int[] {h, d * d}),
                new ParameterBlock("fc2", h * d * d, new int[] {h}));
    }

    @Override
    public double lossAndGradient(PromptBatch batch, double[] grad) {
        check(batch);
        if (batch.b == 0) {
            throw new IllegalArgumentException("the loss of an empty batch (b = 0) is undefined");
        }
        if (grad.length != params.length) {
            throw new IllegalArgumentException("gradient has length " + grad.length + ", expected " + params.length);
        }
        split();
        double sse = statisticsOf(batch).sumSquaredError(spec.heads(), u, v, gu, gv, null, parallel);
        double scale = spec.loss().factor() / batch.b;
        for (int i = 0; i < u.length; i++) {
            grad[i] = scale * gu[i];
        }
        for (int i = 0; i < v.length; i++) {
            grad[u.length + i] = scale * gv[i];
        }
        return scale * sse;
    }

    @Override
    public double loss(PromptBatch batch) {
        double[] out = predict(batch);
        if (batch.b == 0) {
            throw new IllegalArgumentException("the loss of an empty batch (b = 0) is undefined");
        }
        double sse = 0.0;
        for (int p = 0; p < batch.b; p++) { // [b]
            double r = out[p] - batch.yq[p];
            sse += r * r;
        }
        return spec.loss().factor() * sse / batch.b;
    }

    @Override
    public double[] predict(PromptBatch batch) {
        check(batch);
        split();
        double[] out = new double[batch.b];
        statisticsOf(batch).sumSquaredError(spec.heads(), u, v, null, null, out, parallel);
        return out;
    }

    @Override
    public int heads() {
        return spec.heads();
    }

    /** {@inheritDoc} Head i's output is its contribution {@code v_i U_i . z}; the weights are read now. */
    @Override
    public Predictor intervened(List<HeadIntervention> edits) {
        HeadGates g = AdditiveHeads.gates(edits, spec.heads(), 1);
        split();
        double[] eu = u.clone();
        double[] ev = v.clone();
        AdditiveHeads.gate(g, ev, 1);
        return AdditiveHeads.predictor(name(), edits, g, spec.heads(), 1, batch -> predictWith(batch, eu, ev));
    }

    /** {@inheritDoc} {@code [1][heads][1]}: each head's contribution to the prediction. */
    @Override
    public double[][][] headOutputMeans(PromptBatch batch) {
        return AdditiveHeads.means(this, 1, batch);
    }

    private double[] predictWith(PromptBatch batch, double[] u, double[] v) {
        check(batch);
        double[] out = new double[batch.b];
        statisticsOf(batch).sumSquaredError(spec.heads(), u, v, null, null, out, parallel);
        return out;
    }

    /** Head i's circuit in attention form: {@code KQ_i} x-block = U_i, {@code OV_i = v_i e_y^T}, zeros elsewhere. */
    @Override
    public List<HeadCircuit> circuits() {
        int width = d + 1;
        List<HeadCircuit> list = new ArrayList<>(spec.heads());
        for (int h = 0; h < spec.heads(); h++) {
            double[] kq = new double[width * width];
            for (int a = 0; a < d; a++) { // [d, d] into [D, D]
                System.arraycopy(params, (h * d + a) * d, kq, a * width, d);
            }
            double[] ov = new double[width];
            ov[d] = params[spec.heads() * d * d + h];
            list.add(new HeadCircuit(h, width, 1, kq, ov));
        }
        return List.copyOf(list);
    }

    /** Copies fc1 into {@code u} [H, d, d] and fc2 into {@code v} [H, 1, 1]. */
    private void split() {
        System.arraycopy(params, 0, u, 0, u.length);
        System.arraycopy(params, u.length, v, 0, v.length);
    }

    private LinearSufficientStatistics statisticsOf(PromptBatch batch) {
        if (statistics == null || !statistics.isOf(batch)) {
            statistics = LinearSufficientStatistics.of(batch, spec.normalisation());
        }
        return statistics;
    }

    private void check(PromptBatch batch) {
        if (batch.d != d || batch.outputs != 1) {
            throw new IllegalArgumentException("batch has d=" + batch.d + " outputs=" + batch.outputs
                    + " but the network was built for d=" + d + " outputs=1");
        }
    }
}
