package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code icl figure} and {@code icl reproduce}: {@code --cores} below 1 is a usage error before anything runs; so are
 * {@code icl probe}'s prompt counts below 1 (were a raw {@code InvalidSettingException} naming another name).
 */
class FigureOptionsTest {
    @TempDir
    Path tmp;

    @Test
    void coresBelowOneIsAUsageErrorNamingTheOption() {
        Path out = tmp.resolve("out");
        for (String cores : new String[] {"0", "-1"}) {
            CliRunner.run("figure", "zhang25-fig3-staircase", "--quick", "--cores", cores, "--out", out.toString())
                    .assertOneLineError("--cores " + cores + ": must be >= 1");
            CliRunner.run("reproduce", "--all", "--quick", "--cores", cores, "--out", out.toString())
                    .assertOneLineError("--cores " + cores + ": must be >= 1");
        }
        assertFalse(Files.exists(out), "nothing created");
    }

    @Test
    void probePromptCountsBelowOneAreUsageErrorsNamingTheOption() {
        String run = tmp.resolve("no-run-needed").toString();
        for (String option : new String[] {"--rank-prompts", "--fit-prompts", "--eval-prompts"}) {
            CliRunner.run("probe", run, option, "0").assertOneLineError(option + " 0: must be >= 1");
        }
    }
}
