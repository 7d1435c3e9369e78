package org.icldynamics.data;

/** Preprocessing of the task vectors of a finite prompt set. */
public enum TaskWhitening {
    /** Task vectors as drawn. */
    NONE,
    /**
     * Subtract the mean task vector of the set and multiply by the inverse symmetric square root of the unbiased
     * (divisor {@code P - 1}) sample covariance, so the set's task vectors have exactly zero mean and identity
     * sample covariance (the linear-attention paper's code). Done per output over the coordinates it reads; labels
     * are then recomputed from the whitened vectors with the drawn noise added after.
     */
    WHITEN
}
