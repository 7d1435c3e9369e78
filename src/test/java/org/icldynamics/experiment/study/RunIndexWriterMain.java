package org.icldynamics.experiment.study;

import java.nio.file.Path;

/** A second process for {@link RunIndexTest}: updates the index of {@code args[0]} {@code args[1]} times. */
final class RunIndexWriterMain {
    private RunIndexWriterMain() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < Integer.parseInt(args[1]); i++) {
            try (RunTable t = RunTable.open()) {
                t.add(Path.of(args[0]));
            }
        }
    }
}
