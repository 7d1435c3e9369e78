package org.icldynamics.experiment.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.analysis.AblationResult;
import org.icldynamics.analysis.AnalysisResult;
import org.icldynamics.analysis.IdentificationResult;
import org.icldynamics.analysis.PreconditionerFitResult;
import org.icldynamics.theory.OneStepGdRisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.TestParts;
import org.icldynamics.experiment.run.RunReader;
import org.icldynamics.experiment.run.TinyRuns;

/** The analyze and eval pipelines end to end on tiny real runs (run directory in, numbers and files out). */
class RunAnalysisTest {
    static final Path EXPERIMENTS = TinyRuns.EXPERIMENTS;

    @TempDir
    Path tmp;

    /** Trains {@code preset} with {@code overrides} into {@code dir} through the real run path. */
    static RunReader train(Path dir, String preset, List<String> overrides,
                           java.util.function.Function<ExperimentSpec, ExperimentParts> factory) throws IOException {
        return TinyRuns.train(dir, preset, overrides, factory);
    }

    @Test
    void tinySoftmaxRunReloadsBitForBitAndItsAnalysisCoversEverySnapshot() throws IOException {
        Path dir = tmp.resolve("softmax");
        RunReader run = train(dir, "he25-heads.yaml", List.of("task.n=10", "train.steps=300", "train.batch=64",
                "eval.prompts=512", "train.evalEvery=100", "train.logEvery=10", "train.snapshots=5",
                "train.threads=1", "train.checkpointEvery=0"), ExperimentFactory::build);
        JsonNode summary = new ObjectMapper().readTree(dir.resolve("summary.json").toFile());
        try (ExperimentParts parts = run.finalParts()) {
            // the final weights predict exactly like the trained model: same eval loss, bit for bit
            assertEquals(summary.get("final_eval_loss").asDouble(), parts.model().loss(parts.evalSet()), 0.0);
        }
        AnalysisResult r = new RunAnalysis(run, 256).analyze();
        long[] steps = run.snapshotSteps();
        assertEquals(steps.length, r.patterns().size());
        assertEquals(300, r.patterns().get(r.patterns().size() - 1).step());
        assertTrue(r.identifications().stream().anyMatch(s -> s.step() == 300), r.identifications().toString());
        AblationResult ab = r.ablations().get(0);
        assertEquals(2, ab.rows().stream().filter(x -> x.label().startsWith("zero head")).count());
        Path json = AnalysisFiles.write(run, r, dir);
        JsonNode a = new ObjectMapper().readTree(json.toFile());
        // theory lines of the config: R*_DGD at d = 5, L = 10, sigma2 = 0.1 (softmax A.4.2)
        double dgd = OneStepGdRisk.optimalDebiasedRisk(5, 10, 0.1);
        boolean found = false;
        for (JsonNode l : a.get("theory")) {
            found |= l.get("name").asText().equals("dgd-optimum") && l.get("value").asDouble() == dgd;
        }
        assertTrue(found, a.get("theory").toString());
        for (String f : List.of("circuits-kq.png", "circuits-ov.png", "analysis-loss.png", "patterns.png")) {
            assertTrue(Files.size(dir.resolve("figures").resolve(f)) > 1000, f);
        }
    }

    @Test
    void modelThatIsOneGdStepIsIdentifiedAsGdAndMatchesTheGdEstimatorAtEveryLength() throws IOException {
        // the test model yhat = x_q^T Gamma b starts at Gamma = 0.7 I; a learning rate of 1e-12 keeps it there
        // (init gaussian only so the config may carry an initScale: the test model reads no init family)
        Path dir = tmp.resolve("gd");
        RunReader run = train(dir, "he25-heads.yaml", List.of("task.n=8", "train.steps=20", "train.batch=64",
                "eval.prompts=256", "train.evalEvery=10", "train.logEvery=1", "train.snapshots=3",
                "train.threads=1", "model.init=gaussian", "model.initScale=0.7", "train.lr=1e-12"),
                TestParts::build);
        AnalysisResult r = new RunAnalysis(run, 512).analyze();
        AnalysisResult.StepIdentification last = r.identifications().get(r.identifications().size() - 1);
        IdentificationResult.FamilyFit gd = last.result().fits().stream().filter(f -> f.family().equals("gd"))
                .findFirst().orElseThrow();
        assertEquals("gd", last.result().best(), last.toString());
        assertEquals(0.7, gd.parameter(), 1e-6, gd.toString());
        assertTrue(gd.relativeError() < 1e-6, gd.toString());
        // the fitted effective preconditioner is the model's own Gamma (its family is exactly preconditioned GD)
        PreconditionerFitResult g = last.preconditioner();
        double[] gamma = run.snapshot(run.finalStep()).get("param.gamma").data();
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(gamma[j * 5 + i], g.gamma(i, j), 1e-9);
            }
        }
        List<RunEvaluation.Row> rows = new RunEvaluation(run.spec(), List.of(run),
                EstimatorChoice.parseAll(List.of("gd:0.7")), new int[] {4, 8, 32}, 2000, 100).evaluate();
        List<RunEvaluation.Row> model = new ArrayList<>();
        List<RunEvaluation.Row> est = new ArrayList<>();
        for (RunEvaluation.Row row : rows) {
            (row.kind().equals("model") ? model : row.kind().equals("estimator") ? est : new ArrayList<RunEvaluation.Row>())
                    .add(row);
        }
        assertEquals(3, model.size(), rows.toString());
        for (int i = 0; i < 3; i++) {
            // same prompts, same predictor: identical errors at lengths below, at and above the training length
            assertEquals(est.get(i).mse(), model.get(i).mse(), 1e-9 * est.get(i).mse());
            assertTrue(model.get(i).ciLow() < model.get(i).mse() && model.get(i).mse() < model.get(i).ciHigh());
        }
        Path csv = RunEvaluation.write(rows, dir, "test");
        assertTrue(Files.readAllLines(csv).size() > rows.size());
        assertFalse(Files.readString(csv).contains("NaN"));
    }

    @Test
    void tinyRankOneRunDropsOnceWithOneHeadOnTheTopEigenvectorAndIsPcrOneAfterTheDrop() throws IOException {
        Path dir = tmp.resolve("staircase");
        // The M_1 plateau's length depends on the initial draw, and at this size it is often too short to settle:
        // over seeds 0-5 (data stream 3) the detected M_1 level is off by 0.076, 0.070, 0.167, 0.010, 0.425, 0.378.
        // This test is of the analysis, so it takes seed 3, a draw whose M_1 plateau settles.
        RunReader run = train(dir, "zhang25-fig3-attnS.yaml", List.of("train.batch=2000", "train.steps=1500",
                "eval.prompts=500", "model.initScale=0.05", "train.snapshots=60", "train.threads=1",
                "train.checkpointEvery=0", "seed=3"), ExperimentFactory::build);
        AnalysisResult r = new RunAnalysis(run, 1024).analyze();
        org.icldynamics.analysis.PlateauResult p = r.plateaus();
        assertTrue(p.plateaus().size() >= 2 && !p.drops().isEmpty(), p.toString());
        // the first two plateaus sit at L(M_0) = 1 and L(M_1) = 0.6406 (in-sample on 2000 prompts: within 5%)
        assertEquals(0, p.matches().get(0).plateau(), p.toString());
        assertEquals(1, p.matches().get(1).plateau(), p.toString());
        assertTrue(p.matches().get(1).relativeError() < 0.05, p.toString());
        long[] steps = run.snapshotSteps();
        int[] mid = p.nearestSnapshots(steps);
        for (int k = 0; k < 2; k++) {
            long at = steps[mid[k]];
            if (k == 0) {
                continue; // on M_0 the model predicts ~0: relative to its own tiny output no family is meaningful
            }
            AnalysisResult.StepIdentification id = r.identifications().stream().filter(s -> s.step() == at)
                    .findFirst().orElseThrow();
            assertEquals("fixed-point", id.result().best(), id.toString());
            assertEquals(k, id.result().bestFit().parameter(), 0, id.toString());
            // one grown head, on the top eigenvector (2000 whitened prompts: cosines ~0.93, not the 0.95 of P = 80000)
            List<org.icldynamics.analysis.AlignmentResult.PairAlignment> grown = r.alignments().get(mid[k]).pairs()
                    .stream().filter(q -> q.grown()).toList();
            assertEquals(1, grown.size(), grown.toString());
            assertEquals(0, grown.get(0).eigenvector());
            assertTrue(grown.get(0).keyCos() > 0.9 && grown.get(0).queryCos() > 0.9, grown.toString());
        }
    }
}
