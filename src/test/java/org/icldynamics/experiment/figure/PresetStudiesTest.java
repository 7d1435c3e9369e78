package org.icldynamics.experiment.figure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.study.StudyFile;
import org.icldynamics.experiment.study.StudyPoint;
import org.junit.jupiter.api.Test;

/**
 * The presets whose run grid is a study file under experiments/studies/ read it from there: their requests name the
 * study file, resolve to exactly the configs {@code icl sweep} trains for it, and to the configs the presets trained
 * before the grid moved out of Java (so existing run directories and golden files stay valid).
 */
class PresetStudiesTest {
    private static final FigureRunner RUNNER = new FigureRunner(Path.of("experiments"), ExperimentFactory::build, 1,
            l -> { });

    private static void assertSameRuns(FigurePreset preset, String study) {
        List<RunRequest> requests = preset.runs(Variant.FULL);
        List<StudyPoint> points = StudyFile.read(Path.of("experiments/studies", study)).points(List.of());
        assertEquals(requests.size(), points.size());
        for (int i = 0; i < points.size(); i++) {
            assertEquals("studies/" + study, requests.get(i).config(), "the preset reads the study file");
            assertEquals(RUNNER.spec(requests.get(i), 1), points.get(i).spec(), requests.get(i).id());
        }
    }

    /** Each request of {@code preset} resolves to {@code config} with {@code key=value}, then {@code more}. */
    private static void assertAsBefore(FigurePreset preset, Variant v, String config, String key, int[] values,
                                       List<String> more) {
        List<RunRequest> requests = preset.runs(v);
        assertEquals(values.length, requests.size());
        for (int i = 0; i < values.length; i++) {
            List<String> o = new ArrayList<>(List.of(key + "=" + values[i]));
            o.addAll(more);
            o.add("train.threads=1");
            ExperimentSpec before = ConfigYaml.load(Path.of("experiments", config), o);
            assertEquals(before, RUNNER.spec(requests.get(i), 1), requests.get(i).id());
        }
    }

    @Test
    void he25HeadsStudyIsTheHeadsLossPresetsGrid() {
        assertSameRuns(SoftmaxFigures.HEADS_LOSS, "he25-heads-loss.yaml");
        assertArrayEquals(new int[] {1, 2, 4, 8}, SoftmaxFigures.heads(Variant.FULL));
        assertAsBefore(SoftmaxFigures.HEADS_LOSS, Variant.FULL, SoftmaxFigures.HEADS, "model.heads",
                new int[] {1, 2, 4, 8}, List.of("train.steps=" + SoftmaxFigures.FULL_STEPS));
        assertAsBefore(SoftmaxFigures.HEADS_LOSS, Variant.QUICK, SoftmaxFigures.HEADS, "model.heads", new int[] {1, 2},
                List.of("train.steps=1000", "eval.prompts=1000", "train.evalEvery=250", "train.snapshots=3",
                        "train.checkpointEvery=1000"));
        assertTrue(SoftmaxFigures.CIRCUITS.runs(Variant.FULL).stream().allMatch(r -> r.config().startsWith("studies/")),
                "the circuit figure reuses the study's runs");
    }

    @Test
    void zhang25RankStudyIsTheRankSweepPresetsGrid() {
        assertSameRuns(LinearAttentionFigures.RANK_SWEEP, "zhang25-fig4-rank-sweep.yaml");
        assertAsBefore(LinearAttentionFigures.RANK_SWEEP, Variant.FULL, LinearAttentionFigures.FIG4, "model.rank",
                new int[] {1, 2, 4, 8}, List.of("train.batch=20000"));
        assertAsBefore(LinearAttentionFigures.RANK_SWEEP, Variant.QUICK, LinearAttentionFigures.FIG4, "model.rank",
                new int[] {1, 2, 4, 8}, List.of("train.batch=1000", "train.steps=1000", "eval.prompts=500",
                        "train.snapshots=3", "model.initScale=0.05"));
    }
}
