package org.icldynamics.analysis;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.Transformer;
import org.icldynamics.train.LocalAdamAccess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A reduced end-to-end run of the pipeline (train, head importance, pruning, probes) that prints what it
 * measures; the presets run the full-size version. Slow: minutes.
 */
@Tag("slow")
class SparseHeadsTrainingRun {
    private static final int D = 8;
    private static final int S = 2;
    private static final int N = 16;
    private static final int STEPS = Integer.getInteger("sparseRun.steps", 1500);

    private static Transformer train(int heads, SparseRegressionTask task, BlockParallel par) {
        RandomStreams streams = new RandomStreams(100 + heads);
        PromptSampler sampler = new PromptSampler(task, streams, "train");
        Transformer m = Transformer.Spec.gpt(3, heads, 32).build(D, 1, N, streams, par);
        double[] grad = new double[m.parameters().length];
        var adam = LocalAdamAccess.adam(1e-3);
        for (int s = 0; s < STEPS; s++) {
            m.lossAndGradient(sampler.sample(s, 64, N, par), grad);
            adam.step(m.parameters(), grad);
        }
        return m;
    }

    @Test
    void trainProbeAndPrune() {
        SparseRegressionTask task = new SparseRegressionTask(SparseRegressionTask.Spec.of(D, S, N, 0.01));
        try (BlockParallel par = new BlockParallel(2)) {
            long t0 = System.nanoTime();
            Transformer full = train(4, task, par);
            Transformer single = train(1, task, par);
            double sec = (System.nanoTime() - t0) / 1e9;
            PromptSampler ev = new PromptSampler(task, new RandomStreams(7), "eval");
            PromptBatch rank = ev.sample(0, 1000);
            PromptBatch eval = ev.sample(1, 2000);
            PromptBatch fit = ev.sample(2, 2000);
            HeadImportance.Result imp = HeadImportance.measure(full, rank, HeadImportance.Normalisation.SHARE_OF_LAYER);
            System.out.printf("trained 2 models x %d steps in %.0f s%n", STEPS, sec);
            for (int l = 0; l < 3; l++) {
                System.out.printf("layer %d importance %s top share %.3f%n", l,
                        java.util.Arrays.toString(imp.importance()[l]), imp.topShare(l));
            }
            Pruning.Result p = Pruning.compare(full, single, imp, eval);
            System.out.printf("full %.4f pruned %.4f single-head %.4f (pruned/full - 1 = %.3f)%n", p.fullRisk(),
                    p.prunedRisk(), p.singleHeadRisk(), p.relativeIncrease());
            System.out.println("probe risk by depth " + java.util.Arrays.toString(
                    LayerProbe.measure(full, null, fit, eval, LayerProbe.Target.LABEL, 1e-6).risk()));
        }
    }
}
