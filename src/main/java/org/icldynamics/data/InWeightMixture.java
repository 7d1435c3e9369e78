package org.icldynamics.data;

import java.util.SplittableRandom;
import org.icldynamics.linalg.BlockParallel;

/**
 * The linear-attention paper's in-context vs in-weight mixture ({@code --icl c}, A.1): one fixed in-weight task
 * {@code w*} of norm {@code sqrt(d)}, a training set whose first {@code floor(c P)} prompts carry their own task
 * and whose other prompts all use {@code w*}, and two test sets: IW (context labels pure N(0, 1) noise, query
 * labelled by {@code w*}: only memorised knowledge helps) and IC (fresh tasks, whitened: only in-context learning
 * helps).
 *
 * <p>Special cases as in the paper: {@code c = 1} whitens the training tasks; {@code 0 < c < 1} does not;
 * {@code c = 0} gives every training prompt pure-noise context labels. Streams: {@code "inweight"} for {@code w*},
 * {@code "trainset"}, {@code "test-iw"} and {@code "test-ic"} for the three sets, {@code "noise-labels"} (set,
 * block) for pure-noise labels. The centring setting applies to all three sets.
 *
 * @param wStar the in-weight task {@code w*}, {@code [d]}
 * @param train the training set
 * @param inWeightTest IW: context labels pure noise, query labelled by {@code w*}
 * @param inContextTest IC: fresh whitened tasks
 */
public record InWeightMixture(double[] wStar, TrainingSet train, TrainingSet inWeightTest, TrainingSet inContextTest) {
    /**
     * @param icFraction {@code c} in {@code [0, 1]}: the fraction of training prompts with their own task
     * @param prompts training prompts {@code P}
     * @param testPrompts prompts of each test set
     * @param centring input preprocessing of all sets
     */
    public record Spec(double icFraction, int prompts, int testPrompts, InputCentring centring) {
        public Spec {
            if (!(icFraction >= 0 && icFraction <= 1) || prompts < 1 || testPrompts < 1 || centring == null) {
                throw new IllegalArgumentException("in-weight mixture needs c in [0, 1], prompts >= 1 and "
                        + "testPrompts >= 1, got c=" + icFraction + " prompts=" + prompts + " testPrompts="
                        + testPrompts);
            }
        }

        /** Number of training prompts with their own task, {@code floor(c P)}. */
        public int inContextPrompts() {
            return (int) Math.floor(icFraction * prompts);
        }
    }

    /** Draws {@code w*} and the three sets. The task must have one output. */
    public static InWeightMixture draw(Task task, Spec spec, RandomStreams streams, BlockParallel parallel) {
        if (task.outputs() != 1) {
            throw new IllegalArgumentException("the in-weight mixture needs a single-output task, got "
                    + task.outputs() + " outputs");
        }
        int d = task.d();
        double[] wStar = new double[d];
        Normals.fill(streams.stream("inweight"), wStar, 0, d);
        double norm = Math.sqrt(LinearSignal.dot(wStar, 0, wStar, 0, d));
        for (int j = 0; j < d; j++) {
            wStar[j] *= Math.sqrt(d) / norm;
        }
        int ic = spec.inContextPrompts();
        PromptBatch tr = sample(task, streams, TrainingSet.STREAM, spec.prompts(), parallel);
        LabelNoise noise = LabelNoise.of(tr);
        centre(tr, spec.centring());
        if (ic == spec.prompts()) {
            TrainingSet.whitenTasks(tr, 0, tr.b);
        }
        setTask(tr, ic, tr.b, wStar);
        noise.relabel(tr);
        if (ic == 0) {
            noiseLabels(tr, streams, 0, parallel);
        }
        PromptBatch iw = sample(task, streams, "test-iw", spec.testPrompts(), parallel);
        LabelNoise iwNoise = LabelNoise.of(iw);
        centre(iw, spec.centring());
        setTask(iw, 0, iw.b, wStar);
        iwNoise.relabel(iw);
        noiseLabels(iw, streams, 1, parallel);
        TrainingSet icSet = TrainingSet.draw(task, new TrainingSet.Spec(spec.testPrompts(), spec.centring(),
                TaskWhitening.WHITEN), streams, "test-ic", parallel);
        return new InWeightMixture(wStar, new TrainingSet(tr), new TrainingSet(iw), icSet);
    }

    /** The in-weight task {@code w*}, {@code [d]} (a copy). */
    @Override
    public double[] wStar() {
        return wStar.clone();
    }

    private static PromptBatch sample(Task task, RandomStreams streams, String name, int b, BlockParallel par) {
        return new PromptSampler(task, streams, name).sample(0, b, task.n(), par);
    }

    private static void centre(PromptBatch b, InputCentring centring) {
        if (centring == InputCentring.CENTRE) {
            TrainingSet.centreInputs(b);
        }
    }

    /** Sets the task of prompts {@code [from, to)} to {@code w}; labels are left stale. */
    private static void setTask(PromptBatch b, int from, int to, double[] w) {
        for (int p = from; p < to; p++) {
            System.arraycopy(w, 0, b.w, p * b.d, b.d);
        }
    }

    /** Replaces every context label with an independent N(0, 1) draw, per block of prompts. */
    private static void noiseLabels(PromptBatch b, RandomStreams streams, int set, BlockParallel parallel) {
        int blocks = BlockParallel.blocks(b.b, RandomStreams.BLOCK);
        parallel.forEach(blocks, k -> {
            int from = k * RandomStreams.BLOCK;
            int to = Math.min(b.b, from + RandomStreams.BLOCK);
            SplittableRandom rng = streams.stream("noise-labels", set, k);
            Normals.fill(rng, b.y, from * b.n, (to - from) * b.n); // [block, n, 1]
        });
    }
}
