package org.icldynamics.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.config.ConfigException;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.train.BatchSource;
import org.icldynamics.train.LogRecord;
import org.icldynamics.train.OnlineBatches;
import org.icldynamics.train.RecordingListener;
import org.icldynamics.train.Trainer;
import org.icldynamics.train.TrainingState;
import org.junit.jupiter.api.Test;

/**
 * {@code train.curriculum} (Garg et al.'s stages over d and n): the sampled prompts have the scheduled active
 * dimension (zeros beyond it) and context length, the defaults leave the batches unchanged, bad settings get one line
 * naming the key, and a transformer run under a curriculum is bit-identical on 1 and 2 threads and after a resume.
 */
class CurriculumConfigTest {
    private static final String[] SPARSE = {"task.kind=sparse", "task.d=6", "task.sparsity=2", "task.n=10",
        "task.noise=0.1", "task.queryNoise=0.1", "train.batch=40"};
    private static final String[] STAGES = {"train.curriculum.dStart=3", "train.curriculum.dStep=1",
        "train.curriculum.nStart=4", "train.curriculum.nStep=2", "train.curriculum.interval=5"};

    private static ExperimentSpec spec(String... extra) {
        List<String> o = new ArrayList<>(List.of(SPARSE));
        o.addAll(List.of(extra));
        return ConfigYaml.defaults(o);
    }

    private static ExperimentSpec staged(String... extra) {
        List<String> o = new ArrayList<>(List.of(STAGES));
        o.addAll(List.of(extra));
        return spec(o.toArray(String[]::new));
    }

    private static BatchSource batches(ExperimentSpec s) {
        RandomStreams streams = new RandomStreams(s.seed());
        Task task = ExperimentFactory.taskSpec(s.task()).build(streams);
        return ExperimentFactory.batches(s.train(), task, streams, BlockParallel.serial());
    }

    @Test
    void stagesFollowTheStepWithTheScheduledActiveDimensionAndContextLength() {
        BatchSource src = batches(staged());
        // stage k = step / 5: d = min(6, 3 + k), n = min(10, 4 + 2k)
        long[] steps = {0, 4, 5, 9, 10, 17, 20, 29, 1000};
        int[] ds = {3, 3, 4, 4, 5, 6, 6, 6, 6};
        int[] ns = {4, 4, 6, 6, 8, 10, 10, 10, 10};
        for (int c = 0; c < steps.length; c++) {
            PromptBatch b = src.batch(steps[c]);
            assertEquals(ns[c], b.n, "n at step " + steps[c]);
            assertEquals(6, b.d);
            int active = ds[c];
            boolean lastActiveUsed = false;
            for (int p = 0; p < b.b; p++) {
                int support = 0;
                for (int j = 0; j < 6; j++) {
                    if (b.w[p * 6 + j] != 0) {
                        support++;
                        assertTrue(j < active, "support outside the active coordinates at step " + steps[c]);
                    }
                    for (int i = 0; i < b.n; i++) {
                        double x = b.x[b.xIndex(p, i) + j];
                        assertEquals(j >= active, x == 0.0, "x[" + p + "," + i + "," + j + "] = " + x);
                        lastActiveUsed |= j == active - 1 && b.w[p * 6 + j] != 0;
                    }
                    assertEquals(j >= active, b.xq[p * 6 + j] == 0.0, "query coordinate " + j);
                }
                assertEquals(2, support);
                double signal = 0;
                for (int j = 0; j < 6; j++) {
                    signal = Math.fma(b.w[p * 6 + j], b.xq[p * 6 + j], signal);
                }
                assertEquals(signal, b.signal[p], 1e-12);
            }
            assertTrue(lastActiveUsed, "the last active coordinate carries signal in some prompt");
        }
    }

    @Test
    void theDefaultsAndTheLastStageDrawTheSameBatchesAsPlainOnlinePrompts() {
        ExperimentSpec plain = spec();
        assertTrue(!plain.train().curriculum().active());
        RandomStreams streams = new RandomStreams(plain.seed());
        Task task = ExperimentFactory.taskSpec(plain.task()).build(streams);
        BatchSource online = new OnlineBatches(new PromptSampler(task, streams, "train"), 40, 10,
                BlockParallel.serial());
        BatchSource stagedSrc = batches(staged());
        for (long step : new long[] {0, 17, 40}) {
            PromptBatch a = online.batch(step);
            PromptBatch b = batches(plain).batch(step);
            assertArrayEquals(a.x, b.x);
            assertArrayEquals(a.y, b.y);
            PromptBatch c = stagedSrc.batch(step);
            if (step >= 15) { // stage 3: full d and n
                assertArrayEquals(a.x, c.x);
                assertArrayEquals(a.y, c.y);
                assertArrayEquals(a.yq, c.yq);
            } else {
                assertNotEquals(a.n, c.n);
            }
        }
    }

    @Test
    void badCurriculaAreRejectedWithOneLineNamingTheKey() {
        String[][] cases = {
            {"train.curriculum.dStart=1", "train.curriculum.dStart", "sparsity = 2"},
            {"train.curriculum.dStart=7", "train.curriculum.dStart", "task.d = 6"},
            {"train.curriculum.nStart=11", "train.curriculum.nStart", "task.n = 10"},
            {"train.curriculum.interval=0", "train.curriculum.interval", ">= 1"},
            {"train.curriculum.dStep=0", "train.curriculum.dStep", ">= 1"},
            {"train.curriculum.nStart=-1", "train.curriculum.nStart", ">= 0"},
        };
        for (String[] c : cases) {
            ConfigException e = assertThrows(ConfigException.class, () -> spec(c[0]));
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains(c[2]), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
        ConfigException dense = assertThrows(ConfigException.class, () -> ConfigYaml.defaults(
                List.of("train.curriculum.nStart=4")));
        assertTrue(dense.getMessage().contains("task.kind: sparse"), dense.getMessage());
        ConfigException fixed = assertThrows(ConfigException.class, () -> staged("train.data=fixed"));
        assertTrue(fixed.getMessage().contains("train.data") && fixed.getMessage().contains("online"),
                fixed.getMessage());
    }

    private static double[] train(int threads, TrainingState resume, RecordingListener r) {
        ExperimentSpec s = staged("model.architecture=transformer", "model.layers=2", "model.heads=2",
                "model.width=8", "model.scores=linear", "model.normalisation=by-context-length", "model.mlp=none",
                "model.norm=none", "model.initScale=0.3", "train.optimizer=adam", "train.lr=0.003",
                "train.steps=30", "train.logEvery=1", "train.evalEvery=10", "train.checkpointEvery=10",
                "train.snapshots=2", "eval.prompts=64", "train.threads=" + threads);
        try (ExperimentParts parts = ExperimentFactory.build(s)) {
            new Trainer(parts.model(), parts.optimizer(), parts.batches(), parts.evalSet(), parts.plan())
                    .run(resume, r, () -> false);
            return parts.model().parameters().clone();
        }
    }

    private static double[] losses(List<LogRecord> logs) {
        return logs.stream().mapToDouble(LogRecord::trainLoss).toArray();
    }

    @Test
    void aTransformerRunUnderTheCurriculumIsBitIdenticalOnOneAndTwoThreadsAndAfterAResume() {
        RecordingListener one = new RecordingListener();
        double[] p1 = train(1, null, one);
        RecordingListener two = new RecordingListener();
        double[] p2 = train(2, null, two);
        assertArrayEquals(p1, p2);
        assertArrayEquals(losses(one.logs), losses(two.logs));
        TrainingState mid = one.checkpoints.get(1);
        assertEquals(20, mid.step());
        RecordingListener resumed = new RecordingListener();
        double[] pr = train(2, mid, resumed);
        assertArrayEquals(p1, pr);
        assertArrayEquals(losses(one.logs.subList(one.logs.size() - resumed.logs.size(), one.logs.size())),
                losses(resumed.logs));
        assertTrue(resumed.logs.size() >= 10);
    }
}
