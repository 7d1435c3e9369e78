package org.icldynamics.model;

import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * One attention layer with {@code h} heads, read out at the query: every combination of linear or softmax scores,
 * merged or separate (rank R) key-query, merged or separate value-output (spec linear-attention.md A.2,
 * softmax-multihead.md A.2.1). SKELETON: being implemented.
 */
public final class OneLayerAttention {
    private OneLayerAttention() {
    }

    /** How attention scores become weights. */
    public enum Scores { LINEAR, SOFTMAX }

    /** Linear scores: divided by the number of attended tokens, or a plain sum (the linear paper's code). */
    public enum Normalisation { NONE, BY_CONTEXT_LENGTH }

    /** Key-query parametrisation. */
    public enum KeyQuery { MERGED, SEPARATE }

    /** Value-output parametrisation. */
    public enum ValueOutput { MERGED, SEPARATE }

    /** Whether the query token is one of the keys (the papers differ). */
    public enum QueryAttention { EXCLUDED, INCLUDED }

    /** Floating-point precision of the training kernel. */
    public enum Precision { DOUBLE, FLOAT }

    /**
     * Initialisation families of the spec. {@code scale} is the std (or bound) where the family takes one.
     * GAUSSIAN: every entry N(0, scale^2); TORCH_UNIFORM: PyTorch nn.Linear default U(-1/sqrt(fan_in), ...);
     * LINEAR_PAPER: the linear-attention paper's scheme (c) with the zero blocks of A.2.6;
     * IDENTITY: small identity key-query (scale * I) and small value (softmax paper's unused options and B.2's theory init).
     */
    public enum Init { GAUSSIAN, TORCH_UNIFORM, LINEAR_PAPER, IDENTITY }

    /**
     * @param heads number of heads h >= 1
     * @param scores linear or softmax
     * @param normalisation for linear scores: 1/n or none
     * @param temperature multiplier of softmax scores; NaN means 1/sqrt(D)
     * @param keyQuery merged D x D or separate rank-R key and query
     * @param rank R for separate key-query (1..D)
     * @param valueOutput merged outputs x D or separate value (D x D) and output (outputs x D)
     * @param queryAttention whether the query attends to itself
     * @param init initialisation family
     * @param initScale scale of the initialisation (meaning per family)
     * @param precision kernel precision
     */
    public record Spec(int heads, Scores scores, Normalisation normalisation, double temperature, KeyQuery keyQuery,
                       int rank, ValueOutput valueOutput, QueryAttention queryAttention, Init init, double initScale,
                       Precision precision) implements ModelSpec {
        public Spec {
            if (heads < 1) {
                throw new IllegalArgumentException("heads must be >= 1, got " + heads);
            }
            if (rank < 1) {
                throw new IllegalArgumentException("rank must be >= 1, got " + rank);
            }
            if (!(initScale >= 0)) {
                throw new IllegalArgumentException("initScale must be >= 0, got " + initScale);
            }
        }

        @Override
        public Model build(int d, int outputs, int n, RandomStreams streams, BlockParallel parallel) {
            throw new UnsupportedOperationException("OneLayerAttention is being implemented");
        }
    }
}
