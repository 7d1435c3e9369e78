package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.analysis.DropTiming;
import org.icldynamics.analysis.TimingResult;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.run.RunReader;
import org.icldynamics.experiment.inspect.StageTimePredictions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-task softmax runs through {@code icl run} and {@code icl analyze} with the real model: stage boundaries
 * predicted from the run's own step-0 snapshot against the measured ones, and the cyclic overlapping supports
 * {@code [[0,1,2],[2,3,4],[4,5,0]]} train and get an allocation per task.
 */
class MultiTaskAnalysisTest {
    /** Three tasks on blocks of 2 of d = 6, the theory init of multitask B.2, plain SGD. */
    private static final String[] SOFTMAX = {"--set", "seed=7", "--set", "task.d=6", "--set", "task.n=24",
        "--set", "task.noise=0", "--set", "task.queryNoise=0", "--set", "task.tau2=1", "--set", "task.tasks=3",
        "--set", "model.heads=3", "--set", "model.scores=softmax", "--set", "model.keyQuery=separate",
        "--set", "model.valueOutput=separate", "--set", "model.queryAttention=excluded", "--set", "model.rank=full",
        "--set", "model.init=identity-inclined", "--set", "train.optimizer=sgd", "--set", "train.batch=100",
        "--set", "eval.prompts=300", "--set", "train.threads=1", "--set", "train.logEvery=5",
        "--set", "train.evalEvery=100", "--set", "train.checkpointEvery=0", "--set", "train.snapshots=4"};

    @TempDir
    Path tmp;

    private Path run(String name, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", "--out", tmp.resolve(name).toString()));
        a.addAll(List.of(SOFTMAX));
        a.addAll(List.of(extra));
        CliRunner r = CliRunner.runReal(a.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return tmp.resolve(name);
    }

    /** About 40 s on two loaded cores: the run must pass both stages and converge (measured: ratios 1.025, 1.037). */
    @Test
    @org.junit.jupiter.api.Tag("slow")
    void stageBoundariesPredictedFromStepZeroMatchTheMeasuredOnesWithinTheFigureTolerance() throws Exception {
        Path dir = run("stages", "--set", "model.initScale=0.03", "--set", "train.lr=0.05", "--set",
                "train.steps=2000", "--set", "train.batch=500", "--set", "train.logEvery=10");
        TimingResult t = StageTimePredictions.of(new RunReader(dir, ExperimentFactory::build));
        assertEquals(StageTimePredictions.METHOD, t.method());
        assertEquals(2, t.drops().size());
        DropTiming warm = t.drops().get(0);
        DropTiming emergence = t.drops().get(1);
        assertTrue(warm.predicted() < emergence.predicted() && emergence.predicted() < 2000, t.drops().toString());
        // +-25%: SGD steps and the large-L approximation (the multitask figure's tolerance, MultiTaskFigures)
        assertEquals(1.0, warm.ratio(), 0.25, t.drops().toString());
        assertEquals(1.0, emergence.ratio(), 0.25, t.drops().toString());
        CliRunner a = CliRunner.runReal("analyze", dir.toString(), "--prompts", "256");
        assertEquals(0, a.exit(), a.err());
        assertTrue(a.out().contains("warm-up end") && a.out().contains("emergence end"), a.out());
    }

    @Test
    void cyclicOverlappingSupportsTrainAndAreAnalysedTaskByTask() {
        Path dir = run("supports", "--set", "task.supports=[[0,1,2],[2,3,4],[4,5,0]]", "--set", "train.optimizer=adam",
                "--set", "train.lr=0.01", "--set", "model.init=torch-uniform", "--set", "train.steps=400");
        String metrics = org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> java.nio.file.Files.readString(
                dir.resolve("metrics.csv")));
        String[] rows = metrics.strip().split("\n");
        double first = Double.parseDouble(rows[1].split(",")[2]);
        double last = Double.parseDouble(rows[rows.length - 1].split(",")[2]);
        assertTrue(last < 0.5 * first, "the run trains: " + first + " -> " + last);
        CliRunner a = CliRunner.runReal("analyze", dir.toString(), "--prompts", "256");
        assertEquals(0, a.exit(), a.err());
        for (int n = 0; n < 3; n++) {
            assertTrue(a.out().contains("  task " + n + ": "), a.out());
            assertTrue(a.out().contains(" task " + n + " implements") || a.out().contains(" task " + n + ": no "),
                    a.out());
        }
        assertTrue(a.out().contains("allocation at step 400"), a.out());
    }
}
