package org.icldynamics.model;

import jdk.incubator.vector.DoubleVector;

/** The machine's widest vectors, read only when the vector module is present. */
final class VectorWidth {
    private VectorWidth() {
    }

    /** Doubles in the machine's preferred (widest) vector: 8 with AVX-512, 4 with AVX2. */
    static int doubles() {
        return DoubleVector.SPECIES_PREFERRED.length();
    }
}
