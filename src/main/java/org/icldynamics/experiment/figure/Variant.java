package org.icldynamics.experiment.figure;

/** The full figure (the paper's config, minutes) or its quick variant (fewer steps, smaller batches, seconds). */
public enum Variant { FULL, QUICK }
