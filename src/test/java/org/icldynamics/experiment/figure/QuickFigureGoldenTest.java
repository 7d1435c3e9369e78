package org.icldynamics.experiment.figure;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every preset's quick variant against its golden file, in the default suite (about 10 s together on 2 cores). */
class QuickFigureGoldenTest {
    @TempDir
    Path out;

    @Test
    void rankOneStaircaseQuickVariantMatchesItsGoldenFileAndReusesRuns() throws Exception {
        GoldenFigures.assertMatchesGolden(LinearAttentionFigures.RANK_ONE_STAIRCASE, out);
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

    /** The presets that need no other preset's runs, each in a fresh directory. */
    static Stream<FigurePreset> standalonePresets() {
        return Stream.of(LinearAttentionFigures.MERGED_VS_CUBIC, LinearAttentionFigures.SOFTMAX_VARIANTS,
                LinearAttentionFigures.RANK_SWEEP, LinearAttentionWeightFigures.VALUES_AND_ALIGNMENT,
                SoftmaxTheoryFigures.ESTIMATORS_VS_LENGTH, SparseFigures.ALGORITHMS,
                SparseProbeFigures.PRUNE_PROBE, SkewedCovariateFigures.SKEWED, MultiTaskSuperpositionFigures.SUPERPOSITION,
                InContextInWeightFigures.ICL_IWL, MultiTaskFigures.PHASES_ALLOCATION);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("standalonePresets")
    void quickVariantMatchesItsGoldenFile(FigurePreset preset) throws Exception {
        GoldenFigures.assertMatchesGolden(preset, out);
    }
}
