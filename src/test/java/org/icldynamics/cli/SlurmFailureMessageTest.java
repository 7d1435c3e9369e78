package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.icldynamics.experiment.study.RunDirectoryFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Slurm command that fails is one line: the command, Slurm's own words, and where to look when the cluster did not
 * answer at all; no Java class name (was {@code icl: failed: org.icldynamics...SlurmCommandException: ...}).
 */
class SlurmFailureMessageTest {
    @TempDir
    Path tmp;

    @Test
    void theHintComesOnlyWhenTheClusterDidNotAnswer() {
        String down = "sbatch --parsable x.sbatch failed (exit 1): sbatch: error: Batch job submission failed: "
                + "Unable to contact slurm controller (connect failure)";
        assertEquals(down + " (is the Slurm cluster up? sinfo shows it)", Main.slurmFailure(down));
        String missing = "sbatch could not be started (Cannot run program \"sbatch\")";
        assertTrue(Main.slurmFailure(missing).endsWith("sinfo shows it)"));
        String partition = "sbatch --parsable x.sbatch failed (exit 1): sbatch: error: invalid partition specified";
        assertEquals(partition, Main.slurmFailure(partition));
    }

    @Test
    void aRefusedSubmissionIsOneLineWithoutAClassName() throws IOException {
        RunDirectoryFixture.assumeSlurmCluster();
        Path study = Files.writeString(tmp.resolve("study.yaml"), "train: {steps: 4}\nsweep:\n  grid:\n"
                + "    model.heads: [1, 2]\n");
        CliRunner r = CliRunner.run("sweep", study.toString(), "--slurm", "--partition", "no-such-partition",
                "--out", tmp.resolve("study").toString());
        assertEquals(1, r.exit(), r.err());
        String line = r.err().strip();
        assertEquals(1, line.lines().count(), line);
        assertTrue(line.startsWith("icl: failed: sbatch --parsable "), line);
        assertTrue(line.contains("no-such-partition"), line);
        assertFalse(line.contains("org.icldynamics") || line.contains("Exception"), line);
    }
}
