package org.icldynamics.data;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Named, seeded random streams. Every random number in icl-dynamics comes from {@code stream(name, index...)}: the
 * same seed, name and indices give the same stream, whatever thread asks for it. Batches are seeded per fixed block
 * of {@link #BLOCK} prompts, never per thread, so results do not depend on the thread count.
 */
public final class RandomStreams {
    /** Prompts per independently seeded block. */
    public static final int BLOCK = 64;

    private final long seed;

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream for {@code name} at the given indices (for example draw number and block number). */
    public SplittableRandom stream(String name, long... index) {
        long h = SplitMix.mix64(seed ^ 0x9E3779B97F4A7C15L);
        for (byte c : name.getBytes(StandardCharsets.UTF_8)) {
            h = SplitMix.mix64(h ^ (c & 0xFF) * 0xBF58476D1CE4E5B9L);
        }
        for (long i : index) {
            h = SplitMix.mix64(h + 0x9E3779B97F4A7C15L * (i + 1));
        }
        return new SplittableRandom(h);
    }
}
