package org.icldynamics.experiment.figure;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cheapest quick presets (a few seconds each) against their golden files, in the default suite. */
class QuickFigureGoldenTest {
    @TempDir
    Path out;

    @Test
    void rankOneStaircaseQuickVariantMatchesItsGoldenFileAndReusesRuns() throws Exception {
        GoldenFigures.assertMatchesGolden(LinearAttentionFigures.RANK_ONE_STAIRCASE, out);
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
    void softmaxHeadsQuickVariantMatchesItsGoldenFileAndReusesRuns() throws Exception {
        GoldenFigures.assertMatchesGolden(SoftmaxFigures.HEADS_LOSS, out);
    }
}
