package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigErrorsTest {
    @TempDir
    Path tmp;

    private Path file(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text);
    }

    /** {@code icl config} on {@code text} fails with one line naming {@code name:line} and every part. */
    private void assertConfigError(String name, String text, int line, String... parts) throws IOException {
        Path f = file(name, text);
        CliRunner r = CliRunner.run("config", f.toString());
        r.assertOneLineError(parts);
        assertTrue(r.err().contains(f + ":" + line), r.err());
    }

    @Test
    void misspeltKeyNamesFileLineKeyAndAllowedKeysWithExit2() throws IOException {
        Path f = file("typo.yaml", "seed: 3\ntrain:\n  steps: 10\n  lrr: 0.1\n");
        CliRunner r = CliRunner.run("run", f.toString(), "--out", tmp.resolve("run").toString());
        r.assertOneLineError(f + ":4", "train.lrr", "unknown key", "lr, steps", "did you mean lr?");
        assertTrue(Files.notExists(tmp.resolve("run")), "no run directory for a bad config");
    }

    @Test
    void negativeLearningRateNamesFileLineKeyAndRangeWithExit2() throws IOException {
        Path f = file("neg.yaml", "train:\n  lr: -0.5\n");
        CliRunner.run("run", f.toString()).assertOneLineError(f + ":2", "train.lr", "-0.5", "> 0");
    }

    @Test
    void wrongTypeNamesFileLineKeyAndTypeWithExit2() throws IOException {
        assertConfigError("type.yaml", "model:\n  heads: two\n", 2, "model.heads", "'two'", "integer");
    }

    @Test
    void wrongEnumValueListsTheAllowedValues() throws IOException {
        assertConfigError("enum.yaml", "\n\nmodel:\n  scores: cosine\n", 4, "model.scores", "linear, softmax");
    }

    @Test
    void binaryFileIsNotUtf8TextWithExit2() throws IOException {
        Path f = Files.write(tmp.resolve("binary.yaml"), new byte[] {'s', ':', ' ', (byte) 0xff, (byte) 0xfe, 0, 1});
        CliRunner.run("config", f.toString()).assertOneLineError(f.toString(), "not UTF-8 text");
        Path study = Files.write(tmp.resolve("study.yaml"), new byte[] {(byte) 0xc3, '('});
        CliRunner.run("sweep", study.toString()).assertOneLineError(study.toString(), "not UTF-8 text");
    }

    @Test
    void missingFileGivesOneLineAndExit2() {
        Path f = tmp.resolve("absent.yaml");
        CliRunner.run("run", f.toString()).assertOneLineError(f.toString(), "no such config file");
    }

    @Test
    void setOverridesAreValidatedLikeTheFileAndNamed() {
        CliRunner.run("config", "--set", "train.lr=-1").assertOneLineError("--set train.lr=-1", "train.lr", "> 0");
        CliRunner.run("config", "--set", "train.stpes=5").assertOneLineError("--set train.stpes=5",
                "did you mean steps?");
        CliRunner.run("config", "--set", "model.heads=1.5").assertOneLineError("model.heads", "integer");
        CliRunner.run("config", "--set", "nonsense").assertOneLineError("key=value");
    }

    @Test
    void crossFieldRuleNamesTheKey() throws IOException {
        assertConfigError("eig.yaml", "task:\n  d: 3\n  eigenvalues: [1, 2]\n", 3, "task.eigenvalues", "d = 3");
    }

    @Test
    void crossSectionRuleNamesTheKeyAndTheOverride() {
        CliRunner.run("config", "--set", "model.keyQuery=separate", "--set", "model.rank=7").assertOneLineError(
                "--set model.rank=7", "model.rank = 7", "D = d + tasks = 6");
    }

    @Test
    void unknownSubcommandOrOptionIsUsageErrorExit2() {
        assertEquals(2, CliRunner.run("frobnicate").exit());
        assertEquals(2, CliRunner.run("run", "--bogus").exit());
        assertEquals(2, CliRunner.run().exit());
    }

    @Test
    void helpListsEverySubcommandWithOneLine() {
        CliRunner r = CliRunner.run("--help");
        assertEquals(0, r.exit());
        for (String c : new String[] {"run", "resume", "config"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith(c + " ")), c + " in " + r.out());
        }
    }

    @Test
    void schemaListsEveryRequiredKeyWithDefaultAndMeaning() {
        CliRunner r = CliRunner.run("config", "--schema");
        assertEquals(0, r.exit());
        for (String k : new String[] {"seed", "task.d", "task.n", "task.noise", "task.eigenvalues", "model.heads",
                "model.rank", "model.scores", "train.optimizer", "train.lr", "train.steps", "train.batch",
                "train.threads"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.startsWith(k + " ") && l.contains("[")), k);
        }
        assertTrue(r.out().lines().anyMatch(l -> l.matches("train\\.lr\\s+0\\.001\\s+learning rate.*")), r.out());
    }

    @Test
    void schemaWithAConfigFileIsAUsageError() {
        CliRunner r = CliRunner.run("config", "--schema", "extra.yaml");
        assertEquals(Main.USAGE, r.exit());
        assertEquals("icl: error: --schema lists every key and takes no CONFIG (got extra.yaml) (see icl config --help)",
                r.err().strip());
        assertEquals("", r.out());
    }
}
