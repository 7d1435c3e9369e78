package org.icldynamics.data;

/** The eigenbasis of a covariance given by its eigenvalues. */
public enum Eigenbasis {
    /** The standard basis: {@code Lambda} is diagonal. */
    IDENTITY,
    /** A Haar-random orthogonal basis drawn from stream {@code "covariance"} (the linear-attention paper's default). */
    RANDOM_ORTHOGONAL
}
