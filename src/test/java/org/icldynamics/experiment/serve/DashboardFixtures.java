package org.icldynamics.experiment.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.run.ExperimentRun;
import org.icldynamics.train.TrainingListener;

/** Small real runs and a study directory laid out as the sweep writes it, for the dashboard's tests. */
final class DashboardFixtures {
    static final List<String> TINY = List.of("task.d=2", "task.n=4", "train.batch=8", "eval.prompts=16",
            "train.steps=60", "train.logEvery=5", "train.evalEvery=10", "train.checkpointEvery=30",
            "train.snapshots=3", "train.threads=1");
    static final double[] LRS = {0.01, 0.05};
    static final long[] SEEDS = {1, 2, 3};

    private DashboardFixtures() {
    }

    /** Trains one tiny run into {@code dir} with {@code overrides} after {@link #TINY}. */
    static void run(Path dir, String... overrides) throws IOException {
        List<String> o = new ArrayList<>(TINY);
        o.addAll(List.of(overrides));
        ExperimentRun.create(dir, ConfigYaml.defaults(o), "test", ExperimentFactory::build)
                .run(new TrainingListener() { }, () -> false);
    }

    /**
     * A study over {@code train.lr} (2 values) and 3 seeds: {@code study.yaml}, {@code runs/<hash>/} and
     * {@code study.csv} with the contract's columns, filled from each run's summary.
     */
    static Path study(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("study.yaml"), "base: tiny\nsweep:\n  train.lr: [0.01, 0.05]\nseeds: [1, 2, 3]\n");
        StringBuilder csv = new StringBuilder("run,train.lr,seed,status,final_train_loss,final_eval_loss,wall_seconds\n");
        ObjectMapper json = new ObjectMapper();
        for (double lr : LRS) {
            for (long seed : SEEDS) {
                String hash = String.format(Locale.ROOT, "lr%s-s%d", Double.toString(lr).replace('.', 'p'), seed);
                Path run = dir.resolve("runs").resolve(hash);
                run(run, "train.lr=" + lr, "seed=" + seed);
                JsonNode s = json.readTree(run.resolve("summary.json").toFile());
                csv.append(hash).append(',').append(lr).append(',').append(seed).append(',')
                        .append(s.get("status").asText()).append(',').append(s.get("final_train_loss").asDouble())
                        .append(',').append(s.get("final_eval_loss").asDouble()).append(',')
                        .append(s.get("wall_seconds").asDouble()).append('\n');
            }
        }
        Files.writeString(dir.resolve("study.csv"), csv);
        return dir;
    }
}
