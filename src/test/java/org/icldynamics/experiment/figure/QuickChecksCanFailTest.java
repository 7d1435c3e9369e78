package org.icldynamics.experiment.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.report.Check;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick checks can fail: each test runs a quick variant changed so that it truly lacks the phenomenon a check
 * asks for (a drop that comes far too late, a staircase stopped before its last drop, heads that have not left
 * their initial weights), and that check must fail. Numbers are the runs' own under data stream version 3
 * (session 14).
 */
class QuickChecksCanFailTest {
    @TempDir
    Path out;

    /**
     * Fig. 1 quick, trained at 0.6 times the learning rate: the drop comes about 1/0.6 times later (step 1708 instead
     * of 1027) and falls outside the check's 1070 +- 3 seed sd (366). A 20% lower rate (drop at 1282) stays within
     * it, so it no longer shows the failure.
     */
    @Test
    void fortyPercentLowerLearningRateFailsTheDropStepCheckOfFigureOne() throws Exception {
        FigurePreset preset = LinearAttentionFigures.MERGED_VS_CUBIC;
        FigureRunner runner = new FigureRunner(Path.of("experiments"), ExperimentFactory::build, 2, line -> { });
        double lr = runner.spec(preset.runs(Variant.QUICK).get(0), 1).train().lr();
        FigureRunner slower = runner.perturbed(List.of("train.lr=" + 0.6 * lr));
        assertEquals(0.6 * lr, slower.spec(preset.runs(Variant.QUICK).get(0), 1).train().lr(), 0.0,
                "the perturbation reaches the runs");
        FigureOutcome perturbed = slower.run(preset, Variant.QUICK, out, () -> false);
        // unperturbed, every quick check of this preset passes (QuickFigureGoldenTest pins them)
        Check drop = claimStartingWith(perturbed.result().checks(), "ATTN_M half-way drop step");
        assertEquals(Check.Verdict.FAIL, drop.verdict(), drop.toString());
        assertTrue(drop.measured() > 1070 + 366 && drop.measured() < 2000, "a late drop within the budget: " + drop);
    }

    /**
     * Fig. 5 quick stopped at 1200 steps (the quick ATTN_S run takes 2500): seed 0's softmax ATTN_S run has made three
     * drops and rests on the plateau near L(M_3) = 0.210 (at 0.217; in the 2500-step run its last drop comes at step
     * ~1475), above the check's bound 0.173, the midpoint of L(M_3) and L(M_4).
     */
    @Test
    void fifthFigureQuickCheckFailsOnARunStoppedBeforeTheLastDrop() throws Exception {
        Check last = claimStartingWith(changedQuickRun(LinearAttentionFigures.SOFTMAX_VARIANTS, "train.steps=1200")
                .result().checks(), "softmax ATTN_S reaches");
        assertEquals(Check.Verdict.FAIL, last.verdict(), last.toString());
        double lM3 = LinearAttentionFigures.PLATEAUS_D4[3];
        assertTrue(Math.abs(last.measured() - lM3) < 0.1 * lM3, "stopped near L(M_3): " + last);
    }

    /**
     * Fig. 3b/3c quick stopped at 100 steps, before its first drop (seed 0's loss first falls 10% below its initial
     * value at step 120; seeds 0-7 at steps 120-200): the heads still hold their small random initial weights, so no
     * head's key and query point along an eigenvector, and the relatively largest heads (counted as grown: at least
     * 5% of the largest |v| ||k|| ||q||) are far from the value fixed points (0.84 off). Both quick checks fail.
     */
    @Test
    void valuesAndAlignmentQuickChecksFailOnARunStoppedBeforeTheFirstDrop() throws Exception {
        List<Check> checks = changedQuickRun(LinearAttentionWeightFigures.VALUES_AND_ALIGNMENT, "train.steps=100")
                .result().checks();
        Check aligned = claimStartingWith(checks, "a grown head's key");
        assertEquals(Check.Verdict.FAIL, aligned.verdict(), aligned.toString());
        assertEquals(0, aligned.measured(), aligned.toString());
        Check fixedPoint = claimStartingWith(checks, "every grown head's |v|");
        assertEquals(Check.Verdict.FAIL, fixedPoint.verdict(), fixedPoint.toString());
    }

    /** The quick variant of {@code preset} run with {@code override} applied to every run. */
    private FigureOutcome changedQuickRun(FigurePreset preset, String override) throws Exception {
        FigureRunner runner = new FigureRunner(Path.of("experiments"), ExperimentFactory::build, 2, line -> { });
        return runner.perturbed(List.of(override)).run(preset, Variant.QUICK, out, () -> false);
    }

    private static Check claimStartingWith(List<Check> checks, String prefix) {
        return checks.stream().filter(c -> c.claim().startsWith(prefix)).findFirst().orElseThrow();
    }
}
