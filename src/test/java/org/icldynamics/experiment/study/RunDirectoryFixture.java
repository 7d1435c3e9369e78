package org.icldynamics.experiment.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Test fixture: run directories with the files {@code icl run} writes, filled with seeded random numbers; whether a
 * run has checkpointed yet; the assumption that a Slurm cluster answers.
 */
public final class RunDirectoryFixture {
    private RunDirectoryFixture() {
    }

    /**
     * A run directory as {@code icl run} writes it, with {@code rows} metric rows of random full-precision doubles.
     * Like {@code icl run}, it is built under the hidden sibling {@code .NAME.partial} and renamed to its name once
     * whole, so an indexer in another thread or JVM never sees a half-written file.
     */
    public static void writeRun(Path target, int heads, double lr, long seed, int rows, SplittableRandom rng)
            throws IOException {
        Path run = target.resolveSibling("." + target.getFileName() + ".partial");
        Files.createDirectories(run.resolve("snapshots"));
        Files.writeString(run.resolve("config.yaml"), "seed: " + seed + "\ntask:\n  d: 5\n  \"n\": 40\n"
                + "  eigenvalues: [1.0, 0.5]\nmodel:\n  heads: " + heads + "\n  keyQuery: separate\n"
                + "  temperature: 0.0\ntrain:\n  lr: " + lr + "\n  steps: " + (rows - 1) * 10 + "\n  online: true\n");
        Files.writeString(run.resolve("provenance.json"), "{\"tool\": \"icl-dynamics\", \"git_commit\": \"abc\", "
                + "\"seed\": " + seed + ", \"threads\": 2, \"resumes\": []}");
        StringBuilder m = new StringBuilder("step,t,train_loss,eval_loss\n");
        double last = 0;
        for (int i = 0; i < rows; i++) {
            double train = Math.exp(-8 * rng.nextDouble()) * (1 + rng.nextDouble());
            String eval = i % 3 == 0 ? Double.toString(rng.nextDouble() / 7) : "";
            last = train;
            m.append(i * 10).append(',').append(lr * i * 10).append(',').append(train).append(',').append(eval)
                    .append('\n');
        }
        Files.writeString(run.resolve("metrics.csv"), m);
        Files.writeString(run.resolve("summary.json"), "{\"status\": \"completed\", \"steps\": " + (rows - 1) * 10
                + ", \"final_train_loss\": " + last + ", \"final_eval_loss\": " + last / 2 + ", \"wall_seconds\": "
                + 1.5 + ", \"message\": \"completed\"}");
        Files.move(run, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether the run directory holds a checkpoint {@code checkpoints/step_N.ckpt} yet (false before it exists). */
    public static boolean hasCheckpoint(Path run) throws IOException {
        Path c = run.resolve("checkpoints");
        if (!Files.isDirectory(c)) {
            return false;
        }
        try (Stream<Path> s = Files.list(c)) {
            return s.anyMatch(p -> p.getFileName().toString().matches("step_\\d+\\.ckpt"));
        }
    }

    /** Skips the calling test unless a Slurm cluster answers ({@code bash scripts/slurm-local.sh start}). */
    public static void assumeSlurmCluster() {
        Assumptions.assumeTrue(SlurmArrayJob.clusterAnswers(), "no Slurm cluster (bash scripts/slurm-local.sh start)");
    }
}
