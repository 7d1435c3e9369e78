package org.icldynamics.experiment.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.icldynamics.analysis.DropTiming;
import org.icldynamics.analysis.TimingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.run.RunReader;

/**
 * Drop times of real tiny runs against the exact population flow from their own step-0 snapshot, within the spec's
 * +-15% (linear-attention A.9 item 7); the flow starts at the run's own initial loss.
 */
class DropTimePredictionsTest {
    @TempDir
    Path tmp;

    private static final List<String> TINY = List.of("train.batch=1000", "eval.prompts=256", "train.snapshots=3",
            "train.threads=1", "train.checkpointEvery=0", "train.evalEvery=500");

    private static List<String> with(String... more) {
        List<String> o = new java.util.ArrayList<>(TINY);
        o.addAll(List.of(more));
        return o;
    }

    /**
     * The median over three seeds: one seed in about ten draws an initial state near a tie between two directions,
     * where the P = 1000 sample and the population flow escape in different order (measured: seeds 0..9 of both
     * samplers, ratios 0.90..1.08 but one 1.30).
     */
    @Test
    void rankOneRunDropsWhereThePopulationFlowFromItsInitialWeightsDrops() throws IOException {
        double[] ratios = new double[3];
        for (int seed = 0; seed < ratios.length; seed++) {
            RunReader run = RunAnalysisTest.train(tmp.resolve("s" + seed), "zhang25-fig3-attnS.yaml",
                    with("train.steps=1500", "model.initScale=0.05", "seed=" + seed), ExperimentFactory::build);
            TimingResult t = DropTimePredictions.of(run);
            assertNotNull(t);
            assertEquals(4, t.drops().size());
            DropTiming first = t.drops().get(0);
            assertTrue(Double.isFinite(first.measured()), t.toString());
            ratios[seed] = first.ratio();
            // the curve starts at the population loss tr Lambda = 1; the run's in-sample start is within a few
            // 1/sqrt(P)
            assertEquals(1, t.curveLosses()[0], 0.01);
        }
        java.util.Arrays.sort(ratios);
        assertEquals(1, ratios[1], 0.15, java.util.Arrays.toString(ratios));
    }

    @Test
    void mergedRunDropsWhereThePopulationFlowDropsAndTheEscapeFormulaIsClose() throws IOException {
        RunReader run = RunAnalysisTest.train(tmp.resolve("m"), "zhang25-fig1-attnM.yaml",
                with("train.steps=2000"), ExperimentFactory::build);
        TimingResult t = DropTimePredictions.of(run);
        assertNotNull(t);
        DropTiming d = t.drops().get(0);
        assertEquals(1, d.ratio(), 0.15, t.toString());
        assertEquals(1, d.measured() / d.formula(), 0.15, t.toString());
    }

    @Test
    void softmaxRunsGetNoPrediction() throws IOException {
        RunReader run = RunAnalysisTest.train(tmp.resolve("x"), "zhang25-fig1-attnM.yaml",
                with("train.steps=2", "train.batch=64", "model.scores=softmax"), ExperimentFactory::build);
        assertNull(DropTimePredictions.of(run));
    }
}
