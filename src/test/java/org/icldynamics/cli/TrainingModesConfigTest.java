package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.icldynamics.experiment.run.MetricsLog;
import org.icldynamics.train.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gradient flow and minibatch SGD reached from config keys through {@code icl run} with the real model: flow agrees
 * with gradient descent to first order in the learning rate and is thread-count independent; minibatch SGD with one
 * batch per epoch is full-batch GD up to summation order; bad combinations are one-line located errors.
 */
class TrainingModesConfigTest {
    /** Tiny softmax model on a fixed set of 64 prompts. */
    private static final String[] TINY = {"--set", "task.d=2", "--set", "task.n=6", "--set", "model.heads=1",
        "--set", "train.batch=64", "--set", "train.data=fixed", "--set", "eval.prompts=64"};
    /** Added unless the run is a gradient flow, which writes no checkpoints and one snapshot per output time. */
    private static final String[] STEPPED = {"--set", "train.checkpointEvery=0", "--set", "train.snapshots=2"};
    private static final double END = 2.0;
    private static final int OUTPUTS = 5;

    @TempDir
    Path tmp;

    private CliRunner run(String name, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", "--out", tmp.resolve(name).toString()));
        a.addAll(List.of(TINY));
        if (!List.of(extra).contains("train.optimizer=flow")) {
            a.addAll(List.of(STEPPED));
        }
        a.addAll(List.of(extra));
        return CliRunner.runReal(a.toArray(String[]::new));
    }

    private Path flow(String name, int threads) {
        CliRunner r = run(name, "--set", "train.optimizer=flow", "--set", "train.flow.endTime=" + END,
                "--set", "train.flow.outputs=" + OUTPUTS, "--set", "train.threads=" + threads);
        assertEquals(0, r.exit(), r.err());
        return tmp.resolve(name);
    }

    /** Training loss of GD with step size {@code lr} at the flow's output times {@code t = lr * step}. */
    private double[] gd(String name, double lr) throws IOException {
        long steps = Math.round(END / lr);
        long every = steps / (OUTPUTS - 1);
        CliRunner r = run(name, "--set", "train.optimizer=gd", "--set", "train.lr=" + lr, "--set", "train.steps="
                + steps, "--set", "train.logEvery=" + every, "--set", "train.evalEvery=" + every);
        assertEquals(0, r.exit(), r.err());
        double[] out = new double[OUTPUTS];
        for (LogRecord rec : MetricsLog.read(tmp.resolve(name).resolve("metrics.csv"))) {
            if (rec.step() % every == 0) {
                out[(int) (rec.step() / every)] = rec.trainLoss();
            }
        }
        return out;
    }

    @Test
    void flowMatchesGradientDescentToFirstOrderInTheLearningRate() throws IOException {
        List<LogRecord> flow = MetricsLog.read(flow("flow", 2).resolve("metrics.csv"));
        assertEquals(OUTPUTS, flow.size());
        double[] coarse = gd("gd-coarse", 0.02);
        double[] fine = gd("gd-fine", 0.01);
        double gapCoarse = 0;
        double gapFine = 0;
        for (int k = 0; k < OUTPUTS; k++) {
            assertEquals(k, flow.get(k).step());
            assertEquals(END * k / (OUTPUTS - 1), flow.get(k).t(), 1e-15);
            gapCoarse = Math.max(gapCoarse, Math.abs(coarse[k] - flow.get(k).trainLoss()));
            gapFine = Math.max(gapFine, Math.abs(fine[k] - flow.get(k).trainLoss()));
        }
        assertEquals(flow.get(0).trainLoss(), coarse[0], 0.0, "same start");
        assertTrue(flow.get(OUTPUTS - 1).trainLoss() < 0.9 * flow.get(0).trainLoss(), "the flow descends");
        // first order: the gap halves with the step size (ratio 2 up to O(lr); measured 2.005)
        double ratio = gapCoarse / gapFine;
        assertTrue(gapFine > 0 && Math.abs(ratio - 2) <= 0.05, "gap ratio " + ratio + " (gaps " + gapCoarse
                + ", " + gapFine + ")");
        try (Stream<Path> s = Files.list(tmp.resolve("flow").resolve("snapshots"))) {
            assertEquals(OUTPUTS, s.count(), "one snapshot per output time");
        }
        assertTrue(Files.exists(tmp.resolve("flow").resolve("summary.json")));
    }

    @Test
    void flowMetricsAreBitIdenticalOnOneAndTwoThreads() throws IOException {
        assertArrayEquals(Files.readAllBytes(flow("one", 1).resolve("metrics.csv")),
                Files.readAllBytes(flow("two", 2).resolve("metrics.csv")));
    }

    @Test
    void flowRunsRefuseResumeWithAClearMessage() {
        Path dir = flow("flow", 1);
        try {
            Files.delete(dir.resolve("summary.json"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        CliRunner r = CliRunner.runReal("resume", dir.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("cannot be resumed"), r.err());
    }

    @Test
    void minibatchWithOneBatchPerEpochIsFullBatchGradientDescentUpToSummationOrder() throws IOException {
        String[] common = {"--set", "train.optimizer=sgd", "--set", "train.lr=0.05", "--set", "train.steps=40",
            "--set", "train.logEvery=10", "--set", "train.evalEvery=10"};
        List<String> mini = new ArrayList<>(List.of(common));
        mini.addAll(List.of("--set", "train.data=minibatch", "--set", "train.trainingSet=64"));
        assertEquals(0, run("full", common).exit());
        CliRunner r = run("mini", mini.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        List<LogRecord> a = MetricsLog.read(tmp.resolve("full").resolve("metrics.csv"));
        List<LogRecord> b = MetricsLog.read(tmp.resolve("mini").resolve("metrics.csv"));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            double x = a.get(i).trainLoss();
            assertEquals(x, b.get(i).trainLoss(), 1e-12 * Math.abs(x), "row " + i);
        }
    }

    @Test
    void minibatchesOfAQuarterOfTheSetLowerTheTrainingLoss() throws IOException {
        CliRunner r = run("mini", "--set", "train.optimizer=sgd", "--set", "train.lr=0.05", "--set",
                "train.steps=40", "--set", "train.data=minibatch", "--set", "train.trainingSet=64", "--set",
                "train.batch=16", "--set", "train.logEvery=10");
        assertEquals(0, r.exit(), r.err());
        List<LogRecord> rows = MetricsLog.read(tmp.resolve("mini").resolve("metrics.csv"));
        assertEquals(5, rows.size());
        assertTrue(rows.get(4).trainLoss() < rows.get(0).trainLoss(), rows.get(0) + " -> " + rows.get(4));
    }

    @Test
    void flowWithOnlineDataIsAOneLineErrorSayingFixedIsNeeded() {
        CliRunner r = run("bad", "--set", "train.optimizer=flow", "--set", "train.data=online");
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("train.data") && r.err().contains("fixed for optimizer: flow"), r.err());
    }

    @Test
    void minibatchLargerThanItsSetIsAOneLineError() {
        CliRunner r = run("bad", "--set", "train.data=minibatch", "--set", "train.trainingSet=10");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("train.trainingSet") && r.err().contains("at least batch = 64"), r.err());
    }
}
