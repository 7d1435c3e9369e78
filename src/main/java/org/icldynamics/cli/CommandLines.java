package org.icldynamics.cli;

import java.util.stream.Collectors;
import picocli.CommandLine.Model.CommandSpec;

/** The command line as typed, for provenance. */
final class CommandLines {
    private CommandLines() {
    }

    /** {@code icl ARGS...}, each argument quoted when it holds a space or a quote. */
    static String original(CommandSpec spec) {
        return "icl " + spec.root().commandLine().getParseResult().originalArgs().stream()
                .map(a -> a.matches("[\\w@%+=:,./\\[\\]{}-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "));
    }
}
