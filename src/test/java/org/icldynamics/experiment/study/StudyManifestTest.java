package org.icldynamics.experiment.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The finished-study manifest answers a repeated sweep only while the invocation, the inputs and every output it
 * lists are unchanged; each kind of change sends the sweep back to the full path.
 */
class StudyManifestTest {
    private static final List<String> SETS = List.of("train.steps=20");

    @TempDir
    Path tmp;
    private Path studyFile;
    private Path baseFile;
    private Path dir;
    private Study study;

    @BeforeEach
    void finishedStudy() throws IOException {
        baseFile = tmp.resolve("base.yaml");
        Files.writeString(baseFile, "task:\n  d: 2\n  n: 6\n");
        studyFile = tmp.resolve("s.yaml");
        Files.writeString(studyFile, "base: base.yaml\nsweep:\n  grid:\n    model.heads: [1, 2]\n  seeds: 2\n");
        study = Study.load(studyFile, SETS);
        dir = tmp.resolve("out");
        study.prepare(dir);
        for (StudyPoint p : study.points()) {
            Path run = Files.createDirectories(dir.resolve("runs").resolve(p.id()));
            Files.writeString(run.resolve("summary.json"), "{\"status\" : \"completed\"}\n");
        }
        Files.writeString(dir.resolve(StudyCsv.FILE), "run,model.heads,seed,status\n");
        Files.createDirectories(dir.resolve("figures"));
        Files.writeString(dir.resolve("figures").resolve("loss-curves.png"), "png");
        StudyManifest.write(dir, study, SETS, Map.of("completed", 4));
    }

    @Test
    void theSameInvocationMatchesWithTheRecordedCounts() throws IOException {
        StudyManifest m = StudyManifest.match(dir, studyFile, SETS);
        assertNotNull(m);
        assertEquals("s", m.name());
        assertEquals(Map.of("completed", 4), m.counts());
        assertEquals(4, m.total());
    }

    @Test
    void anotherInvocationDoesNotMatch() throws IOException {
        assertNull(StudyManifest.match(dir, studyFile, List.of()));
        assertNull(StudyManifest.match(dir, studyFile, List.of("train.steps=21")));
        assertNull(StudyManifest.match(dir, studyFile, List.of("train.steps=20", "eval.prompts=10")));
        Path copy = Files.copy(studyFile, tmp.resolve("t.yaml"));
        assertNull(StudyManifest.match(dir, copy, SETS), "another study file with the same text");
        assertNull(StudyManifest.match(tmp.resolve("elsewhere"), studyFile, SETS));
    }

    @Test
    void anEditedStudyFileOrBaseDoesNotMatch() throws IOException {
        expectStale(d -> append(studyFile, "# a comment\n"));
        expectStale(d -> append(baseFile, "seed: 3\n"));
    }

    @Test
    void aChangedRemovedOrAddedOutputDoesNotMatch() throws IOException {
        Path summary = dir.resolve("runs").resolve(study.points().get(3).id()).resolve("summary.json");
        expectStale(d -> append(summary, " "));
        expectStale(d -> touch(summary));
        expectStale(d -> delete(summary));
        expectStale(d -> append(d.resolve(StudyCsv.FILE), "x\n"));
        expectStale(d -> append(d.resolve(Study.FILE), "# x\n"));
        expectStale(d -> delete(d.resolve("figures").resolve("loss-curves.png")));
        expectStale(d -> append(d.resolve("figures").resolve("extra.png"), "png"));
    }

    @Test
    void aStudyWithUnfinishedRunsGetsNoManifestAndLosesAStaleOne() throws IOException {
        StudyManifest.write(dir, study, SETS, Map.of("completed", 3, "pending", 1));
        assertFalse(Files.exists(dir.resolve(StudyManifest.FILE)));
        StudyManifest.write(dir, study, SETS, Map.of("completed", 3, "diverged", 1));
        StudyManifest m = StudyManifest.match(dir, studyFile, SETS);
        assertNotNull(m, "diverged runs are finished");
        assertEquals(Map.of("completed", 3, "diverged", 1), m.counts());
    }

    /** Applies {@code change} to a fresh copy of the finished study and expects the manifest not to match. */
    private void expectStale(Consumer<Path> change) throws IOException {
        assertNotNull(StudyManifest.match(dir, studyFile, SETS), "matches before the change");
        change.accept(dir);
        assertNull(StudyManifest.match(dir, studyFile, SETS), "stale after the change");
        finishedStudy(); // rewrite everything for the next change
    }

    private static void append(Path f, String text) {
        try {
            Files.writeString(f, text, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void touch(Path f) {
        try {
            Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 2000));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void delete(Path f) {
        try {
            Files.delete(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
