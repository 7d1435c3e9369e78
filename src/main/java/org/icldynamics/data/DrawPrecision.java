package org.icldynamics.data;

/**
 * The arithmetic of the standard normals a run's prompts are drawn from: double runs draw {@link BoxMullerBlock}'s
 * normals, float runs {@link FloatBoxMullerBlock}'s (two per SplitMix output, float polynomials: 0.69 against 1.18 ns
 * per normal on Zen 4 with AVX-512, 1.35 against 2.49 with AVX2; the same distribution to float accuracy, with the
 * radius's tail cut at 6.66 instead of 8.49). The two give different prompts for the same seed, so each has its own
 * data stream version, recorded in a run's provenance and checked on resume and reuse.
 */
public enum DrawPrecision {
    /** {@link BoxMullerBlock}: data stream version {@link Normals#STREAM_VERSION}. */
    DOUBLE(Normals.STREAM_VERSION),
    /** {@link FloatBoxMullerBlock}: data stream version {@link Normals#FLOAT_STREAM_VERSION}. */
    FLOAT(Normals.FLOAT_STREAM_VERSION);

    private final int streamVersion;

    DrawPrecision(int streamVersion) {
        this.streamVersion = streamVersion;
    }

    /** The data stream version of prompts drawn with this arithmetic. */
    public int streamVersion() {
        return streamVersion;
    }
}
