package org.icldynamics.data;

/** Preprocessing of the inputs of a finite prompt set. */
public enum InputCentring {
    /** Inputs as drawn. */
    NONE,
    /**
     * Subtract, for every token position (the query included) and coordinate, the mean over the prompts of the set
     * (the linear-attention paper's code); labels are then recomputed from the centred inputs.
     */
    CENTRE
}
