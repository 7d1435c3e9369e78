package org.icldynamics.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.icldynamics.experiment.TestParts;


/** Test fixture: runs the CLI (with the test model, or the real one) in-process and captures its exit code, stdout and stderr. */
record CliRunner(int exit, String out, String err) {
    static CliRunner run(String... args) {
        return run(TestParts::build, args);
    }

    /** The CLI as shipped: real models, tasks and optimizers. */
    static CliRunner runReal(String... args) {
        return run(org.icldynamics.experiment.ExperimentFactory::build, args);
    }

    /**
     * {@code icl run} of a tiny real model (d = 2, n = 4, batch 16, 32 eval prompts) into {@code dir}, with each of
     * {@code sets} as one more {@code --set KEY=VALUE}.
     */
    static CliRunner runTinyReal(Path dir, String... sets) {
        List<String> args = new ArrayList<>(List.of("run", "--out", dir.toString()));
        for (String s : Stream.concat(Stream.of("task.d=2", "task.n=4", "train.batch=16", "eval.prompts=32"),
                Arrays.stream(sets)).toList()) {
            args.addAll(List.of("--set", s));
        }
        return runReal(args.toArray(String[]::new));
    }

    /** Asserts exit code 2 and one line on stderr that contains every one of {@code parts}. */
    void assertOneLineError(String... parts) {
        org.junit.jupiter.api.Assertions.assertEquals(2, exit, err);
        String line = err.strip();
        org.junit.jupiter.api.Assertions.assertEquals(1, line.lines().count(), "one line: " + line);
        for (String p : parts) {
            org.junit.jupiter.api.Assertions.assertTrue(line.contains(p), "'" + line + "' should contain '" + p + "'");
        }
    }

    static CliRunner run(java.util.function.Function<org.icldynamics.experiment.ExperimentSpec,
            org.icldynamics.experiment.ExperimentParts> factory, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = new Main(factory).execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new CliRunner(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
