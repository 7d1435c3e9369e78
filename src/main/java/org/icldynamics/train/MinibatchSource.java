package org.icldynamics.train;

import java.util.SplittableRandom;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.TrainingSet;

/**
 * Minibatch SGD over a finite set: epoch {@code e} visits the prompts in a permutation drawn from stream
 * {@code ("minibatch", e)} (Fisher-Yates), in {@code floor(P / batchSize)} consecutive batches; a final partial
 * batch is dropped. Step {@code s} is batch {@code s mod perEpoch} of epoch {@code s / perEpoch}: a pure function of
 * the step.
 */
public final class MinibatchSource implements BatchSource {
    /** Stream of the per-epoch permutations. */
    public static final String STREAM = "minibatch";

    private final TrainingSet set;
    private final int batchSize;
    private final RandomStreams streams;
    private final int perEpoch;
    private long cachedEpoch = -1;
    private int[] cachedPermutation;

    public MinibatchSource(TrainingSet set, int batchSize, RandomStreams streams) {
        if (batchSize < 1 || batchSize > set.size()) {
            throw new IllegalArgumentException("batch size must be in [1, " + set.size() + "], got " + batchSize);
        }
        this.set = set;
        this.batchSize = batchSize;
        this.streams = streams;
        this.perEpoch = set.size() / batchSize;
    }

    /** Batches per epoch. */
    public int batchesPerEpoch() {
        return perEpoch;
    }

    @Override
    public PromptBatch batch(long step) {
        long epoch = step / perEpoch;
        int k = (int) (step % perEpoch);
        int[] perm = permutation(epoch);
        int[] idx = new int[batchSize];
        System.arraycopy(perm, k * batchSize, idx, 0, batchSize);
        return set.select(idx);
    }

    /** The visiting order of epoch {@code e}, a permutation of {@code [0, P)}. */
    public synchronized int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            int p = set.size();
            int[] perm = new int[p];
            for (int i = 0; i < p; i++) {
                perm[i] = i;
            }
            SplittableRandom rng = streams.stream(STREAM, epoch);
            for (int i = p - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            cachedPermutation = perm;
            cachedEpoch = epoch;
        }
        return cachedPermutation.clone();
    }
}
