package org.icldynamics.experiment.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.study.StudyFile;
import org.icldynamics.experiment.study.StudyPoint;
import org.junit.jupiter.api.Test;

/** The study files under experiments/studies/ that restate a preset's run grid give exactly the preset's configs. */
class PresetStudiesTest {
    private static void assertSameRuns(FigurePreset preset, String study) {
        FigureRunner runner = new FigureRunner(Path.of("experiments"), ExperimentFactory::build, 1, l -> { });
        List<RunRequest> requests = preset.runs(Variant.FULL);
        List<StudyPoint> points = StudyFile.read(Path.of("experiments/studies", study)).points(List.of());
        assertEquals(requests.size(), points.size());
        for (int i = 0; i < points.size(); i++) {
            assertEquals(runner.spec(requests.get(i), 1), points.get(i).spec(), requests.get(i).id());
        }
    }

    @Test
    void he25HeadsStudyIsTheHeadsLossPresetsGrid() {
        assertSameRuns(SoftmaxFigures.HEADS_LOSS, "he25-heads-loss.yaml");
    }

    @Test
    void zhang25RankStudyIsTheRankSweepPresetsGrid() {
        assertSameRuns(LinearAttentionFigures.RANK_SWEEP, "zhang25-fig4-rank-sweep.yaml");
    }
}
