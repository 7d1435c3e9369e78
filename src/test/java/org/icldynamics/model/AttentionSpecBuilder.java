package org.icldynamics.model;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.icldynamics.model.OneLayerAttention.KeyQuery;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.Precision;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.icldynamics.model.OneLayerAttention.Spec;
import org.icldynamics.model.OneLayerAttention.Trainable;
import org.icldynamics.model.OneLayerAttention.ValueOutput;

/**
 * Test fixture: builds a {@link OneLayerAttention.Spec} from the tests' own defaults so a test names only what
 * differs. These are not the defaults of a config (those live only in {@code defaults.yaml}). Defaults: 1 head, SOFTMAX
 * scores, normalisation NONE, default temperature (1/sqrt(D)), MERGED key-query, rank 1, MERGED value-output, query
 * EXCLUDED from the keys, GAUSSIAN init with scale 0.01, DOUBLE precision, MSE loss, ALL entries trainable.
 * {@link Spec}'s compact constructor validates at {@link #build()}.
 */
public final class AttentionSpecBuilder {
    private int heads = 1;
    private Scores scores = Scores.SOFTMAX;
    private Normalisation normalisation = Normalisation.NONE;
    private OptionalDouble temperature = OptionalDouble.empty();
    private KeyQuery keyQuery = KeyQuery.MERGED;
    private OptionalInt rank = OptionalInt.of(1);
    private ValueOutput valueOutput = ValueOutput.MERGED;
    private QueryAttention queryAttention = QueryAttention.EXCLUDED;
    private Init init = Init.GAUSSIAN;
    private double initScale = 0.01;
    private Precision precision = Precision.DOUBLE;
    private LossConvention loss = LossConvention.MSE;
    private Trainable trainable = Trainable.ALL;

    private AttentionSpecBuilder() {
    }

    /** A builder holding {@code s}'s settings. */
    public static AttentionSpecBuilder of(Spec s) {
        AttentionSpecBuilder b = new AttentionSpecBuilder();
        b.heads = s.heads();
        b.scores = s.scores();
        b.normalisation = s.normalisation();
        b.temperature = s.temperature();
        b.keyQuery = s.keyQuery();
        b.rank = s.rank();
        b.valueOutput = s.valueOutput();
        b.queryAttention = s.queryAttention();
        b.init = s.init();
        b.initScale = s.initScale();
        b.precision = s.precision();
        b.loss = s.loss();
        b.trainable = s.trainable();
        return b;
    }

    /** A builder holding the defaults listed above. */
    public static AttentionSpecBuilder defaults() {
        return new AttentionSpecBuilder();
    }

    public AttentionSpecBuilder heads(int value) {
        heads = value;
        return this;
    }

    public AttentionSpecBuilder scores(Scores value) {
        scores = value;
        return this;
    }

    public AttentionSpecBuilder normalisation(Normalisation value) {
        normalisation = value;
        return this;
    }

    /** The softmax temperature; NaN asks for the default 1/sqrt(D). */
    public AttentionSpecBuilder temperature(double value) {
        temperature = Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
        return this;
    }

    /** MERGED key-query. */
    public AttentionSpecBuilder mergedKeyQuery() {
        keyQuery = KeyQuery.MERGED;
        return this;
    }

    /** SEPARATE key and query of rank {@code value}. */
    public AttentionSpecBuilder separateKeyQuery(int value) {
        keyQuery = KeyQuery.SEPARATE;
        rank = OptionalInt.of(value);
        return this;
    }

    public AttentionSpecBuilder valueOutput(ValueOutput value) {
        valueOutput = value;
        return this;
    }

    public AttentionSpecBuilder queryAttention(QueryAttention value) {
        queryAttention = value;
        return this;
    }

    /** Initialisation family and its scale. */
    public AttentionSpecBuilder init(Init family, double scale) {
        init = family;
        initScale = scale;
        return this;
    }

    public AttentionSpecBuilder precision(Precision value) {
        precision = value;
        return this;
    }

    public AttentionSpecBuilder loss(LossConvention value) {
        loss = value;
        return this;
    }

    public AttentionSpecBuilder trainable(Trainable value) {
        trainable = value;
        return this;
    }

    public Spec build() {
        return new Spec(heads, rank, scores, normalisation, temperature, keyQuery, valueOutput, queryAttention, init,
                initScale, precision, loss, trainable);
    }
}
