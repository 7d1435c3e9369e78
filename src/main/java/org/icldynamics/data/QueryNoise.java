package org.icldynamics.data;

/** Whether a query target carries label noise. */
public enum QueryNoise {
    /** {@code y_q = w^T x_q} (the multi-task generators of both softmax papers). */
    NOISELESS,
    /** {@code y_q = w^T x_q + eps} with the same noise variance as the context labels of that task. */
    SAME_AS_CONTEXT
}
