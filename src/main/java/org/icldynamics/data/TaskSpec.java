package org.icldynamics.data;

/**
 * The registry of task distributions: one line per task. Each variant is the nested {@code Spec} record of its task
 * class, validates itself, and builds the task (the only randomness at build time, a random covariance basis, comes
 * from stream {@code "covariance"}).
 */
public sealed interface TaskSpec permits LinearRegressionTask.Spec, MultiTaskRegressionTask.Spec, SparseRegressionTask.Spec {
    /** Input dimension {@code d}. */
    int d();

    /** Context length {@code n}. */
    int n();

    /** Label slots per token: one, unless the task has several outputs. */
    default int outputs() {
        return 1;
    }

    Task build(RandomStreams streams);
}
