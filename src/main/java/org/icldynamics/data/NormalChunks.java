package org.icldynamics.data;

import java.util.SplittableRandom;

/**
 * A fixed number of standard normals from one stream, read one at a time through a small buffer: the same values in
 * the same order as one {@link Normals#fill} call of that count, without holding them all. {@link Normals#fill}
 * works in chunks of {@code 2 * Normals.CHUNK} draws, so refilling whole chunks (and the remainder last) reproduces
 * its bits exactly. A block of prompts needs about 20,000 normals: the buffer keeps them in the L1 cache instead of
 * allocating and streaming a 150 KB array per block.
 */
final class NormalChunks {
    private final SplittableRandom rng;
    private final double[] buf = new double[2 * Normals.CHUNK];
    private int remaining;
    private int pos;
    private int len;

    /** @param count how many normals will be read, exactly as the one {@link Normals#fill} call would draw */
    NormalChunks(SplittableRandom rng, int count) {
        this.rng = rng;
        this.remaining = count;
    }

    /** The next normal; at most {@code count} calls. */
    double next() {
        if (pos == len) {
            refill();
        }
        return buf[pos++];
    }

    private void refill() {
        if (remaining <= 0) {
            throw new IllegalStateException("all " + buf.length + "-chunked normals of this block were read");
        }
        len = Math.min(buf.length, remaining);
        Normals.fill(rng, buf, 0, len);
        remaining -= len;
        pos = 0;
    }
}
