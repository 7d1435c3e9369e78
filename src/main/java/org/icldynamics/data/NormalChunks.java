package org.icldynamics.data;

import java.util.SplittableRandom;

/**
 * A fixed number of standard normals from one stream, handed out in contiguous runs through a small buffer: the
 * same values in the same order as one {@link Normals#fill} call of that count, without holding them all. It keeps
 * the one {@link BoxMuller} generator that call would make (two longs of the stream, taken at construction) and draws
 * from it in pieces; its normals depend only on its output sequence, not on how the draws are split. A
 * block of prompts needs about 20,000 normals: the buffer keeps them in the L1 cache instead of allocating and
 * streaming a 150 KB array per block, and a run per prompt keeps the index in a register in the caller's loop.
 */
final class NormalChunks {
    /**
     * Normals drawn per refill beyond the run asked for, up to 31 fewer so that refills take whole blocks (still
     * at least the run asked for, since the run fits in the rest of the buffer).
     */
    private static final int DRAW = 512;

    private final BoxMuller gen;
    private final double[] buf;
    private int remaining;
    private int pos;
    private int len;

    /**
     * @param count how many normals will be taken in all, exactly as the one {@link Normals#fill} call would draw
     * @param maxRun the longest run one {@link #take} will ask for
     */
    NormalChunks(SplittableRandom rng, int count, int maxRun) {
        this(rng, count, maxRun, DrawPrecision.DOUBLE);
    }

    /** {@link #NormalChunks(SplittableRandom, int, int)} drawing in the given arithmetic. */
    NormalChunks(SplittableRandom rng, int count, int maxRun, DrawPrecision precision) {
        if (count < 0 || maxRun < 0) {
            throw new IllegalArgumentException("count and maxRun must be >= 0, got " + count + ", " + maxRun);
        }
        this.gen = BoxMuller.split(rng, precision);
        this.remaining = count;
        this.buf = new double[maxRun + DRAW];
    }

    /**
     * The next {@code run} normals: they are {@code values()[at, at + run)} with {@code at} the returned offset,
     * valid until the next call.
     */
    int take(int run) {
        if (run > buf.length - DRAW) {
            throw new IllegalArgumentException("run " + run + " is longer than the " + (buf.length - DRAW)
                    + " this buffer was made for");
        }
        if (len - pos < run) {
            int left = len - pos;
            System.arraycopy(buf, pos, buf, 0, left);
            pos = 0;
            len = left;
            int c = Math.min(buf.length - len, remaining);
            if (c < remaining) { // whole blocks of the generator: none is split between refills
                c -= c % gen.blockSize();
            }
            if (len + c < run) {
                throw new IllegalStateException("asked for more normals than the count this block draws");
            }
            gen.fill(buf, len, c);
            remaining -= c;
            len += c;
        }
        int at = pos;
        pos += run;
        return at;
    }

    /** @return the buffer that {@link #take} offsets point into; not to be modified */
    double[] values() {
        return buf;
    }
}
