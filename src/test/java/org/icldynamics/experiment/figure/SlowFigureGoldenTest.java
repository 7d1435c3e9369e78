package org.icldynamics.experiment.figure;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Quick presets that take 10-25 s on 2 cores against their golden files ({@code -Dgroups=slow}). */
@Tag("slow")
class SlowFigureGoldenTest {
    @TempDir
    Path out;

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
}
