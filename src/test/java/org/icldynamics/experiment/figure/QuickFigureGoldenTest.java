package org.icldynamics.experiment.figure;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every preset's quick variant against its golden file, in the default suite (about 10 s together on 2 cores). */
class QuickFigureGoldenTest {
    @TempDir
    Path out;

    @Test
    void rankOneStaircaseQuickVariantMatchesItsGoldenFileAndReusesRuns() throws Exception {
        GoldenFigures.assertMatchesGolden(LinearAttentionFigures.RANK_ONE_STAIRCASE, out);
        // reads seed 0 of the staircase runs above
        GoldenFigures.assertMatchesGolden(LinearAttentionWeightFigures.VALUES_AND_ALIGNMENT, out);
    }

    @Test
    void mergedVsCubicQuickVariantMatchesItsGoldenFile() throws Exception {
        GoldenFigures.assertMatchesGolden(LinearAttentionFigures.MERGED_VS_CUBIC, out);
    }

    @Test
    void softmaxVariantsQuickVariantMatchesItsGoldenFile() throws Exception {
        GoldenFigures.assertMatchesGolden(LinearAttentionFigures.SOFTMAX_VARIANTS, out);
    }

    @Test
    void rankSweepQuickVariantMatchesItsGoldenFile() throws Exception {
        GoldenFigures.assertMatchesGolden(LinearAttentionFigures.RANK_SWEEP, out);
    }

    @Test
    void estimatorsVsLengthQuickVariantMatchesItsGoldenFile() throws Exception {
        GoldenFigures.assertMatchesGolden(SoftmaxTheoryFigures.ESTIMATORS_VS_LENGTH, out);
    }

    @Test
    void approximateDynamicsQuickVariantsMatchTheirGoldenFiles() throws Exception {
        GoldenFigures.assertMatchesGolden(SoftmaxTheoryFigures.APPROX_DYNAMICS, out);
        GoldenFigures.assertMatchesGolden(SoftmaxTheoryFigures.APPROX_DYNAMICS_FOUR_HEADS, out);
    }

    @Test
    void softmaxHeadsFamilyQuickVariantsMatchTheirGoldenFilesAndShareRuns() throws Exception {
        GoldenFigures.assertMatchesGolden(SoftmaxFigures.HEADS_LOSS, out);
        // the next four read the same he25-heads runs: trained once above, reused here
        GoldenFigures.assertMatchesGolden(SoftmaxFigures.CIRCUITS, out);
        GoldenFigures.assertMatchesGolden(SoftmaxPatternFigures.PATTERN_METRICS, out);
        GoldenFigures.assertMatchesGolden(SoftmaxPatternFigures.WEIGHT_DYNAMICS, out);
        GoldenFigures.assertMatchesGolden(SoftmaxPatternFigures.LENGTH_GENERALISATION, out);
    }

    @Test
    void sparseAlgorithmsQuickVariantMatchesItsGoldenFile() throws Exception {
        GoldenFigures.assertMatchesGolden(SparseFigures.ALGORITHMS, out);
    }

    @Test
    void sparsePruneProbeQuickVariantMatchesItsGoldenFileAndReusesRuns() throws Exception {
        GoldenFigures.assertMatchesGolden(SparseProbeFigures.PRUNE_PROBE, out);
    }

    @Test
    void skewedCovariatesQuickVariantMatchesItsGoldenFile() throws Exception {
        GoldenFigures.assertMatchesGolden(SkewedCovariateFigures.SKEWED, out);
    }

    @Test
    void multiTaskSuperpositionQuickVariantMatchesItsGoldenFile() throws Exception {
        GoldenFigures.assertMatchesGolden(MultiTaskSuperpositionFigures.SUPERPOSITION, out);
    }

    @Test
    void inContextInWeightQuickVariantMatchesItsGoldenFile() throws Exception {
        GoldenFigures.assertMatchesGolden(InContextInWeightFigures.ICL_IWL, out);
    }

    @Test
    void multiTaskPhasesAllocationQuickVariantMatchesItsGoldenFile() throws Exception {
        GoldenFigures.assertMatchesGolden(MultiTaskFigures.PHASES_ALLOCATION, out);
    }
}
