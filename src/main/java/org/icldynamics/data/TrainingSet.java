package org.icldynamics.data;

import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.linalg.SymmetricEigen;

/**
 * A finite set of {@code P} prompts drawn once and reused (full-batch GD, or minibatches over it), with the
 * linear-attention paper's optional preprocessing. Prompts are drawn with a {@link PromptSampler} on a named stream
 * ({@code "trainset"} for training sets), draw number 0. Preprocessing keeps every label's drawn noise: the noise
 * {@code y - w^T x} is read off before inputs or tasks change and added back to the recomputed {@code w^T x}.
 */
public final class TrainingSet {
    /** Stream of training sets. */
    public static final String STREAM = "trainset";

    private final PromptBatch batch;

    /**
     * @param batch the prompts; not copied, must not be modified afterwards
     */
    public TrainingSet(PromptBatch batch) {
        this.batch = batch;
    }

    /**
     * Settings of a finite set.
     *
     * @param prompts number of prompts {@code P}
     * @param centring input preprocessing
     * @param whitening task-vector preprocessing
     */
    public record Spec(int prompts, InputCentring centring, TaskWhitening whitening) {
        public Spec {
            if (prompts < 1 || centring == null || whitening == null) {
                throw new IllegalArgumentException("a prompt set needs prompts >= 1 and both preprocessing settings,"
                        + " got prompts=" + prompts);
            }
        }
    }

    /** Draws a training set from stream {@link #STREAM}. */
    public static TrainingSet draw(Task task, Spec spec, RandomStreams streams, BlockParallel parallel) {
        return draw(task, spec, streams, STREAM, parallel);
    }

    /** Draws a set of {@code spec.prompts()} prompts from the named stream and preprocesses it. */
    public static TrainingSet draw(Task task, Spec spec, RandomStreams streams, String stream,
                                   BlockParallel parallel) {
        PromptBatch b = new PromptSampler(task, streams, stream).sample(0, spec.prompts(), task.n(), parallel);
        if (spec.centring() == InputCentring.NONE && spec.whitening() == TaskWhitening.NONE) {
            return new TrainingSet(b);
        }
        LabelNoise noise = LabelNoise.of(b);
        if (spec.centring() == InputCentring.CENTRE) {
            centreInputs(b);
        }
        if (spec.whitening() == TaskWhitening.WHITEN) {
            whitenTasks(b, 0, b.b);
        }
        noise.relabel(b);
        return new TrainingSet(b);
    }

    /** The prompts; treat as read-only. */
    public PromptBatch batch() {
        return batch;
    }

    public int size() {
        return batch.b;
    }

    /** A new batch holding the prompts {@code indices} in that order. */
    public PromptBatch select(int[] indices) {
        PromptBatch s = batch;
        int n = s.n;
        int d = s.d;
        int k = s.outputs;
        PromptBatch out = new PromptBatch(indices.length, n, d, k);
        for (int r = 0; r < indices.length; r++) {
            int p = indices[r];
            System.arraycopy(s.x, p * n * d, out.x, r * n * d, n * d);
            System.arraycopy(s.y, p * n * k, out.y, r * n * k, n * k);
            System.arraycopy(s.xq, p * d, out.xq, r * d, d);
            System.arraycopy(s.yq, p * k, out.yq, r * k, k);
            System.arraycopy(s.signal, p * k, out.signal, r * k, k);
            System.arraycopy(s.w, p * k * d, out.w, r * k * d, k * d);
        }
        return out;
    }

    /**
     * Subtracts from every input the mean over prompts at its token position and coordinate (query included).
     *
     * @param b inputs overwritten; labels are left stale (recompute them with {@link LabelNoise#relabel})
     */
    static void centreInputs(PromptBatch b) {
        int d = b.d;
        double[] mean = new double[(b.n + 1) * d];
        for (int p = 0; p < b.b; p++) { // [P, n, d]
            for (int i = 0; i < b.n; i++) {
                int xo = b.xIndex(p, i);
                for (int j = 0; j < d; j++) {
                    mean[i * d + j] += b.x[xo + j];
                }
            }
            for (int j = 0; j < d; j++) { // [P, d]
                mean[b.n * d + j] += b.xq[p * d + j];
            }
        }
        for (int q = 0; q < mean.length; q++) {
            mean[q] /= b.b;
        }
        for (int p = 0; p < b.b; p++) { // [P, n, d]
            for (int i = 0; i < b.n; i++) {
                int xo = b.xIndex(p, i);
                for (int j = 0; j < d; j++) {
                    b.x[xo + j] -= mean[i * d + j];
                }
            }
            for (int j = 0; j < d; j++) {
                b.xq[p * d + j] -= mean[b.n * d + j];
            }
        }
    }

    /**
     * Whitens the task vectors of prompts {@code [from, to)}, per output over the coordinates where any of them is
     * non-zero: zero mean, identity unbiased sample covariance.
     *
     * @param b task vectors overwritten; labels are left stale
     * @throws IllegalArgumentException when there are not more prompts than coordinates, or the sample covariance
     *     is singular
     */
    static void whitenTasks(PromptBatch b, int from, int to) {
        int d = b.d;
        int outs = b.outputs;
        int count = to - from;
        for (int k = 0; k < outs; k++) {
            int[] support = support(b, from, to, k);
            int s = support.length;
            if (s == 0) {
                continue;
            }
            if (count <= s) {
                throw new IllegalArgumentException("whitening needs more prompts than task coordinates, got "
                        + count + " prompts for " + s + " coordinates");
            }
            double[] mean = new double[s];
            for (int p = from; p < to; p++) { // [P, s]
                for (int a = 0; a < s; a++) {
                    mean[a] += b.w[(p * outs + k) * d + support[a]];
                }
            }
            for (int a = 0; a < s; a++) {
                mean[a] /= count;
            }
            double[] cov = new double[s * s];
            double[] row = new double[s];
            for (int p = from; p < to; p++) { // [P, s, s]
                for (int a = 0; a < s; a++) {
                    row[a] = b.w[(p * outs + k) * d + support[a]] - mean[a];
                }
                for (int a = 0; a < s; a++) {
                    for (int c = 0; c < s; c++) {
                        cov[a * s + c] += row[a] * row[c];
                    }
                }
            }
            for (int q = 0; q < cov.length; q++) {
                cov[q] /= count - 1;
            }
            double[] m = SymmetricEigen.of(cov, s).inverseSqrt(); // [s, s] symmetric
            for (int p = from; p < to; p++) { // [P, s] = [P, s] x [s, s]
                int wo = (p * outs + k) * d;
                for (int a = 0; a < s; a++) {
                    row[a] = b.w[wo + support[a]] - mean[a];
                }
                for (int c = 0; c < s; c++) {
                    double v = 0;
                    for (int a = 0; a < s; a++) {
                        v += row[a] * m[a * s + c];
                    }
                    b.w[wo + support[c]] = v;
                }
            }
        }
    }

    private static int[] support(PromptBatch b, int from, int to, int k) {
        int d = b.d;
        boolean[] used = new boolean[d];
        int count = 0;
        for (int p = from; p < to; p++) {
            int wo = (p * b.outputs + k) * d;
            for (int j = 0; j < d; j++) {
                if (!used[j] && b.w[wo + j] != 0) {
                    used[j] = true;
                    count++;
                }
            }
        }
        int[] s = new int[count];
        int c = 0;
        for (int j = 0; j < d; j++) {
            if (used[j]) {
                s[c++] = j;
            }
        }
        return s;
    }
}
