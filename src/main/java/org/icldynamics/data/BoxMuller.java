package org.icldynamics.data;

import java.util.SplittableRandom;
import org.icldynamics.linalg.VectorModule;

/**
 * Standard normals by Box-Muller in blocks of 16 ({@link BoxMullerBlock}) on a SplitMix64 generator held in two longs:
 * the child {@code rng.split(rng)} would make (seed the parent's next long, gamma {@link SplitMix#mixGamma} of the one
 * after), whose outputs are {@code mix64(seed + k gamma)}, {@code k = 1, 2, ...}, as {@link SplittableRandom#nextLong()}
 * of that child. Block {@code B} takes outputs {@code 16 B + 1 .. 16 B + 16} and gives normals {@code 16 B .. 16 B + 15};
 * a fill that ends inside a block keeps the block's rest for the next fill, so the normals are a function of the
 * output sequence alone: filling {@code a} then {@code b} draws gives the bits of one fill of {@code a + b}.
 *
 * <p>Whole blocks go through {@link BoxMullerLanes} when the vector module is present (same bits as the one-lane
 * definition). Measured in one JVM, fills of 512: 1.27 ns per normal against the 256-layer ziggurat's 2.1 that it
 * replaces (data stream version 2), which had to test and branch per draw and so could not use vectors.
 */
final class BoxMuller {
    private static final boolean LANES = VectorModule.present() && BoxMullerLanes.suits();
    private static final boolean FLOAT_LANES = VectorModule.present() && FloatBoxMullerLanes.suits();

    private long seed;
    private final long gamma;
    /** Float arithmetic: blocks of {@link FloatBoxMullerBlock}, else of {@link BoxMullerBlock}. */
    private final boolean single;
    private final int blockSize;
    /** The current block's normals; those before {@code next} are handed out. */
    private final double[] block;
    private int next;
    private double[] scratch;

    private BoxMuller(long seed, long gamma, DrawPrecision precision) {
        this.seed = seed;
        this.gamma = gamma;
        this.single = precision == DrawPrecision.FLOAT;
        this.blockSize = single ? FloatBoxMullerBlock.SIZE : BoxMullerBlock.SIZE;
        this.block = new double[blockSize];
        this.next = blockSize;
    }

    /** The generator {@code rng.split(rng)} would make; takes exactly two longs from {@code rng}. */
    static BoxMuller split(SplittableRandom rng) {
        return split(rng, DrawPrecision.DOUBLE);
    }

    /** {@link #split(SplittableRandom)} drawing in the given arithmetic. */
    static BoxMuller split(SplittableRandom rng, DrawPrecision precision) {
        long s = rng.nextLong();
        return new BoxMuller(s, SplitMix.mixGamma(rng.nextLong()), precision);
    }

    /** Normals per block: a fill of whole blocks leaves nothing waiting. */
    int blockSize() {
        return blockSize;
    }

    /** @param out overwritten at {@code [offset, offset + count)} with the next {@code count} normals */
    void fill(double[] out, int offset, int count) {
        int k = offset;
        int end = offset + count;
        int left = Math.min(blockSize - next, end - k);
        System.arraycopy(block, next, out, k, left);
        next += left;
        k += left;
        int blocks = (end - k) / blockSize;
        if (blocks > 0) {
            blocks(out, k, blocks);
            k += blocks * blockSize;
        }
        if (k < end) { // the last block in part: the rest waits in block
            blocks(block, 0, 1);
            next = end - k;
            System.arraycopy(block, 0, out, k, next);
        }
    }

    /** The next {@code count} whole blocks to {@code out} from {@code at}. */
    private void blocks(double[] out, int at, int count) {
        if (single) {
            floatBlocks(out, at, count);
        } else if (LANES) {
            if (scratch == null && !BoxMullerLanes.oneBlockPerVector()) {
                scratch = new double[BoxMullerLanes.PASS * BoxMullerBlock.HALF];
            }
            seed = BoxMullerLanes.fill(seed, gamma, out, at, count, scratch);
        } else {
            for (int b = 0; b < count; b++) {
                BoxMullerBlock.fill(seed, gamma, out, at + b * BoxMullerBlock.SIZE);
                seed += BoxMullerBlock.SIZE * gamma;
            }
        }
    }

    private void floatBlocks(double[] out, int at, int count) {
        if (FLOAT_LANES) {
            seed = FloatBoxMullerLanes.fill(seed, gamma, out, at, count);
        } else {
            for (int b = 0; b < count; b++) {
                FloatBoxMullerBlock.fill(seed, gamma, out, at + b * FloatBoxMullerBlock.SIZE);
                seed += FloatBoxMullerBlock.OUTPUTS * gamma;
            }
        }
    }

    /** The next output of the SplitMix64 sequence; a test's view of the generator. */
    long nextLong() {
        return SplitMix.mix64(seed += gamma);
    }
}
