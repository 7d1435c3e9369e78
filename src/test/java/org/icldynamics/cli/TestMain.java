package org.icldynamics.cli;

import org.icldynamics.experiment.TestParts;

/** The CLI with the test model, for tests that start a real child JVM. */
public final class TestMain {
    private TestMain() {
    }

    public static void main(String[] args) {
        System.exit(new Main(TestParts::build).execute(args));
    }
}
