package org.icldynamics.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
