package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.run.ExperimentRun;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.experiment.TestParts;

import org.icldynamics.train.TrainingListener;

/** Test fixture: runs of the small test config that crash, get damaged, and are compared with an undamaged run. */
final class RunDamage {
    private RunDamage() {
    }

    /** The small settings of {@link RunCommandTest} as a spec (300 steps, a row every 10, checkpoints every 100). */
    static ExperimentSpec smallSpec() {
        return ConfigYaml.defaults(Stream.of(RunCommandTest.SMALL).filter(s -> !s.equals("--set")).toList());
    }

    /** The test parts whose batch source runs {@code action} when step {@code at} is about to be trained. */
    static Function<ExperimentSpec, ExperimentParts> atStep(long at, Runnable action) {
        return spec -> {
            ExperimentParts p = TestParts.build(spec);
            return new ExperimentParts(p.model(), p.optimizer(), step -> {
                if (step == at) {
                    action.run();
                }
                return p.batches().batch(step);
            }, p.evalSet(), p.plan(), p.parallel());
        };
    }

    /** A run killed (an exception, as from kill -9) when step {@code at} starts: rows before it, checkpoints. */
    static void crashedRun(Path dir, long at) throws IOException {
        ExperimentRun run = ExperimentRun.create(dir, smallSpec(), "test", atStep(at, () -> {
            throw new IllegalStateException("killed");
        }));
        try {
            run.run(new TrainingListener() { }, () -> false);
        } catch (IllegalStateException e) {
            assertEquals("killed", e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve("summary.json")));
    }

    /** metrics.csv and every snapshot of {@code actual} equal those of {@code expected}, byte for byte. */
    static void assertSameRun(Path expected, Path actual) throws IOException {
        assertArrayEquals(Files.readAllBytes(expected.resolve("metrics.csv")),
                Files.readAllBytes(actual.resolve("metrics.csv")), "metrics.csv");
        List<String> names = list(expected.resolve("snapshots"));
        assertEquals(names, list(actual.resolve("snapshots")));
        for (String n : names) {
            assertArrayEquals(Files.readAllBytes(expected.resolve("snapshots").resolve(n)),
                    Files.readAllBytes(actual.resolve("snapshots").resolve(n)), n);
        }
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every file below {@code dir} whose name marks it temporary. */
    static List<Path> temporaryFiles(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".tmp")
                    || p.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    /** One line on stderr (the JVM's incubator warning aside), no stack trace, no exception class name. */
    static void assertOneLine(CliRunner r) {
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("WARNING")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("icl: error: "), r.err());
        assertFalse(lines.get(0).contains("Exception") || lines.get(0).contains("\tat "), r.err());
        assertTrue(lines.get(0).length() <= 400, "readable length: " + lines.get(0).length());
    }
}
