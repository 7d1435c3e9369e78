package org.icldynamics.data;

/**
 * The pieces of {@link java.util.SplittableRandom} with the JDK's bits that {@link BoxMuller}'s generator, held in two
 * longs, needs; {@link RandomStreams} derives its stream seeds with the same mixing.
 */
final class SplitMix {
    private SplitMix() {
    }

    /** Stafford's variant 13, the output function of {@link java.util.SplittableRandom}. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** {@link java.util.SplittableRandom}'s gamma for a child: MurmurHash3's finaliser, made odd, with enough bit flips. */
    static long mixGamma(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        z = (z ^ (z >>> 33)) | 1L;
        int n = Long.bitCount(z ^ (z >>> 1));
        return n < 24 ? z ^ 0xaaaaaaaaaaaaaaaaL : z;
    }
}
