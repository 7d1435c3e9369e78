package org.icldynamics.experiment.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.icldynamics.config.ConfigException;
import org.icldynamics.model.OneLayerAttention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyFileTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    @Test
    void theIssuesExampleExpandsToSeventyTwoDistinctRunsInGridOrderWithIntegerLengths() {
        StudyFile f = StudyFile.read(Path.of("experiments/studies/he25-heads-seeds.yaml"));
        List<StudyPoint> points = f.points(List.of("train.steps=10"));
        assertEquals(List.of("model.heads", "task.n", "task.noise", "task.queryNoise"), f.sweptKeys());
        assertEquals(72, points.size());
        assertEquals(72, f.size());
        Set<String> ids = new HashSet<>();
        points.forEach(p -> ids.add(p.id()));
        assertEquals(72, ids.size(), "every run has its own directory");
        assertEquals(List.of("1", "10", "0.1", "0.1"), points.get(0).values());
        assertEquals(List.of("1", "20", "0.1", "0.1"), points.get(6).values());
        assertEquals(List.of("4", "40", "0.4", "0.4"), points.get(71).values());
        assertEquals(30, points.get(12).spec().task().n());
        assertEquals(0.4, points.get(3).spec().task().queryNoise());
        assertEquals(4, points.get(71).spec().model().heads());
        assertEquals(10, points.get(0).spec().train().steps());
        assertEquals(OneLayerAttention.KeyQuery.SEPARATE,
                ((OneLayerAttention.Spec) points.get(0).spec().model()).keyQuery(),
                "the base preset's keys come through");
        // seeds: three per point from the named stream, the same three at every point
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            seeds.add(points.get(i).seed());
            assertEquals(points.get(i).seed(), points.get(i + 3).seed());
        }
        assertEquals(3, seeds.size());
        assertTrue(points.stream().allMatch(p -> p.spec().train().threads() == 1), "threads are not identity");
    }

    @Test
    void logRangesSpanTheirEndsAndTheResolvedFileGivesTheSamePoints() throws IOException {
        Path f = write("s.yaml", """
                sweep:
                  grid:
                    train.lr: {from: 0.001, to: 0.1, num: 3, scale: log}
                    model.heads: {from: 1, to: 8, num: 4, scale: log}
                train:
                  steps: 5
                """);
        StudyFile s = StudyFile.read(f);
        List<StudyPoint> points = s.points(List.of("eval.prompts=64"));
        assertEquals(12, points.size());
        assertEquals(0.001, points.get(0).spec().train().lr(), 1e-15);
        assertEquals(0.01, points.get(4).spec().train().lr(), 1e-15);
        assertEquals(0.1, points.get(8).spec().train().lr(), 0);
        assertEquals(List.of(1, 2, 4, 8), points.subList(0, 4).stream().map(p -> p.spec().model().heads()).toList());
        Path resolved = write("resolved.yaml", s.resolvedYaml(List.of("eval.prompts=64")));
        List<StudyPoint> again = StudyFile.read(resolved).points(List.of());
        assertEquals(points.stream().map(StudyPoint::id).toList(), again.stream().map(StudyPoint::id).toList());
    }

    private String error(String text) throws IOException {
        Path f = write("bad.yaml", text);
        return assertThrows(ConfigException.class, () -> StudyFile.read(f).points(List.of())).getMessage();
    }

    private static void assertStarts(String prefix, String message) {
        assertTrue(message.startsWith(prefix), message);
    }

    @Test
    void badStudiesNameFileLineKeyAndValue() throws IOException {
        String at = tmp.resolve("bad.yaml") + ":";
        assertStarts(at + "4: model.headz: unknown key", error("sweep:\n  grid:\n    model.heads: [1]\n    model.headz: [1, 2]\n"));
        assertStarts(at + "3: model.heads = []", error("sweep:\n  grid:\n    model.heads: []\n"));
        assertStarts(at + "3: task.n.num = 0: must be an integer >= 1", error("sweep:\n  grid:\n    task.n: {from: 1, to: 4, num: 0}\n"));
        assertStarts(at + "4: sweep.zip.task.queryNoise has 1 values", error("sweep:\n  zip:\n    task.noise: [0.1, 0.2]\n    task.queryNoise: [0.1]\n"));
        assertStarts(at + "3: model.heads = 0: must be", error("sweep:\n  grid:\n    model.heads: [2, 0]\n"));
        assertStarts(at + "1: base = nowhere.yaml: no such", error("base: nowhere.yaml\nsweep:\n  seeds: 2\n"));
        assertStarts(at + "3: task.n.num = 5: integers from 1 to 3 repeat", error("sweep:\n  grid:\n    task.n: {from: 1, to: 3, num: 5}\n"));
        assertStarts(at + "4: sweep.seedz", error("sweep:\n  grid:\n    model.heads: [1]\n  seedz: 3\n"));
        assertStarts(at + "1: a study needs a sweep", error("train:\n  steps: 10\n"));
    }

    @Test
    void aSetOfASweptKeyIsRefused() {
        StudyFile f = StudyFile.read(Path.of("experiments/studies/he25-heads-seeds.yaml"));
        String m = assertThrows(ConfigException.class, () -> f.points(List.of("model.heads=3"))).getMessage();
        assertTrue(m.contains("model.heads is swept by the study"), m);
    }

    @Test
    void seedIntervalUsesStudentT() {
        SeedInterval ci = SeedInterval.of(new double[] {1, 2, 3});
        assertEquals(2, ci.mean(), 0);
        // t(0.975, 2) = 4.302652729911275, s = 1, k = 3
        assertEquals(4.302652729911275 / Math.sqrt(3), ci.hi() - ci.mean(), 1e-9);
        assertEquals(ci.mean() - ci.lo(), ci.hi() - ci.mean(), 1e-15);
        assertEquals(5, SeedInterval.of(new double[] {5}).hi(), 0);
    }
}
