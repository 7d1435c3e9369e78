package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tiny versions of the three sparse presets through the shipped CLI: train, probe, compare algorithms. */
class SparsePresetsTest {
    private static final String[] TINY = {"--set", "task.d=4", "--set", "task.sparsity=2", "--set", "task.n=6",
        "--set", "model.width=8", "--set", "model.layers=2", "--set", "train.steps=20", "--set", "train.batch=16",
        "--set", "train.checkpointEvery=10", "--set", "train.evalEvery=10", "--set", "train.logEvery=10",
        "--set", "eval.prompts=64", "--set", "train.threads=1", "--set", "train.snapshots=2"};

    private static String[] run(Path preset, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("run", preset.toString(), "--out", out.toString()));
        a.addAll(List.of(TINY));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    @Test
    void headsAndPruneProbePresetsTrainAndProbeWithSharesSummingToOnePerLayer(@TempDir Path dir) throws Exception {
        Path preset = Path.of("experiments/chenzhaozou24-sparse-prune-probe.yaml");
        CliRunner full = CliRunner.runReal(run(preset, dir.resolve("h4")));
        assertEquals(0, full.exit(), full.err());
        CliRunner single = CliRunner.runReal(run(preset, dir.resolve("h1"), "--set", "model.heads=1",
                "--set", "model.headDim=2"));
        assertEquals(0, single.exit(), single.err());
        CliRunner heads = CliRunner.runReal(run(Path.of("experiments/chenzhaozou24-sparse-heads.yaml"),
                dir.resolve("heads")));
        assertEquals(0, heads.exit(), heads.err());
        CliRunner probe = CliRunner.runReal("probe", dir.resolve("h4").toString(), "--single-head",
                dir.resolve("h1").toString(), "--out", dir.resolve("probe").toString(), "--rank-prompts", "64",
                "--fit-prompts", "128", "--eval-prompts", "64");
        assertEquals(0, probe.exit(), probe.err());
        for (String f : new String[] {"probe.json", "head-importance.csv", "pruning.csv", "probe-risk.csv",
            "head-importance-1.png", "probe-risk.svg"}) {
            assertTrue(Files.isRegularFile(dir.resolve("probe").resolve(f)), f);
        }
        JsonNode row = new ObjectMapper().readTree(dir.resolve("probe/probe.json").toFile()).get(0);
        assertEquals(20, row.get("step").asLong());
        JsonNode imp = row.get("importance");
        assertEquals(2, imp.size());
        for (JsonNode layer : imp) {
            double sum = 0;
            for (JsonNode v : layer) {
                sum += v.asDouble();
            }
            assertEquals(1.0, sum, 1e-9, "importance shares of a layer sum to one");
        }
        assertEquals(3, row.get("probeRiskByDepth").size(), "one probe per depth 0..L");
        assertTrue(Double.isFinite(row.get("singleHeadRisk").asDouble()));
        assertEquals(row.get("prunedRisk").asDouble(), row.get("prunedOnlyLayer").get(1).asDouble(), 0.0,
                "with two layers, pruning only layer 2 is the paper's pruning");
    }

    @Test
    void algorithmsPresetWritesTheTableAndNoiselessOracleLeastSquaresIsExact(@TempDir Path dir) throws Exception {
        CliRunner r = CliRunner.runReal("algorithms", "experiments/chenzhaozou24-sparse-algorithms.yaml", "--set",
                "task.d=6", "--n", "8", "--noise", "0", "--tune-prompts", "40", "--test-prompts", "50", "--out",
                dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("p-then-o / gd, ridge, lasso"), r.out());
        List<String> lines = Files.readAllLines(dir.resolve("algorithms.csv"));
        assertEquals(6, lines.size(), "header + five estimators");
        String oracle = lines.stream().filter(l -> l.contains(",oracle-ls,")).findFirst().orElseThrow();
        assertTrue(Double.parseDouble(oracle.split(",")[3]) < 1e-20, oracle);
        assertTrue(Files.isRegularFile(dir.resolve("algorithms-noise-0.00000.png")));
    }

    @Test
    void probingANonTransformerRunFailsNamingTheArchitecture(@TempDir Path dir) {
        CliRunner r = CliRunner.runReal("run", "--out", dir.resolve("a").toString(), "--set", "task.d=3", "--set",
                "task.n=4", "--set", "train.steps=2", "--set", "train.checkpointEvery=1", "--set", "eval.prompts=8",
                "--set", "train.threads=1");
        assertEquals(0, r.exit(), r.err());
        CliRunner p = CliRunner.runReal("probe", dir.resolve("a").toString());
        assertEquals(Main.USAGE, p.exit());
        assertTrue(p.err().contains("probing needs a transformer"), p.err());
        assertEquals(1, p.err().lines().count(), p.err());
    }

    /** The theory's stack (linear scores, no MLP, no LayerNorm) trains and probes; seeds of one noise level probe together. */
    @Test
    void theLinearAttentionOnlyStackTrainsAndSeveralRunsOfOneNoiseLevelProbeTogether(@TempDir Path dir)
            throws Exception {
        Path preset = Path.of("experiments/chenzhaozou24-sparse-prune-probe.yaml");
        String[] linear = {"--set", "model.scores=linear", "--set", "model.normalisation=by-context-length",
            "--set", "model.mlp=none", "--set", "model.norm=none", "--set", "model.initScale=0.3"};
        CliRunner a = CliRunner.runReal(run(preset, dir.resolve("a"), linear));
        assertEquals(0, a.exit(), a.err());
        List<String> other = new ArrayList<>(List.of(linear));
        other.addAll(List.of("--set", "seed=7"));
        CliRunner b = CliRunner.runReal(run(preset, dir.resolve("b"), other.toArray(String[]::new)));
        assertEquals(0, b.exit(), b.err());
        CliRunner probe = CliRunner.runReal("probe", dir.resolve("a").toString(), dir.resolve("b").toString(),
                "--out", dir.resolve("p").toString(), "--rank-prompts", "32", "--fit-prompts", "64",
                "--eval-prompts", "32", "--ablation", "mean");
        assertEquals(0, probe.exit(), probe.err());
        List<String> pruning = Files.readAllLines(dir.resolve("p/pruning.csv"));
        assertEquals(3, pruning.size(), "header and one row per run");
        assertTrue(pruning.get(1).startsWith(dir.resolve("a") + ",") && pruning.get(2).startsWith(dir.resolve("b")
                + ","), pruning.toString());
        JsonNode rows = new ObjectMapper().readTree(dir.resolve("p/probe.json").toFile());
        for (JsonNode row : rows) {
            assertTrue(Double.isFinite(row.get("fullRisk").asDouble()), row.toString());
            assertEquals(3, row.get("probeRiskByDepth").size());
        }
        assertTrue(Files.isRegularFile(dir.resolve("p/probe-risk.svg")));
    }

    @Test
    void probeReadsTheFinalSnapshotWhenCheckpointEveryDoesNotDivideSteps(@TempDir Path dir) throws Exception {
        Path preset = Path.of("experiments/chenzhaozou24-sparse-prune-probe.yaml");
        CliRunner full = CliRunner.runReal(run(preset, dir.resolve("r"), "--set", "train.steps=25"));
        assertEquals(0, full.exit(), full.err());
        assertTrue(Files.isRegularFile(dir.resolve("r/checkpoints/step_00000020.ckpt")), "last checkpoint at 20");
        String[] probe = {"probe", dir.resolve("r").toString(), "--rank-prompts", "32", "--fit-prompts", "64",
            "--eval-prompts", "32", "--out", ""};
        probe[probe.length - 1] = dir.resolve("p1").toString();
        CliRunner p = CliRunner.runReal(probe);
        assertEquals(0, p.exit(), p.err());
        ObjectMapper json = new ObjectMapper();
        assertEquals(25, json.readTree(dir.resolve("p1/probe.json").toFile()).get(0).get("step").asLong(),
                "the final snapshot (step 25) is newer than the checkpoint (step 20)");
        Files.delete(dir.resolve("r/snapshots/step_00000025.npz"));
        probe[probe.length - 1] = dir.resolve("p2").toString();
        assertEquals(0, CliRunner.runReal(probe).exit());
        assertEquals(20, json.readTree(dir.resolve("p2/probe.json").toFile()).get(0).get("step").asLong(),
                "without it the newest checkpoint is the final weights");
    }

    @Test
    void algorithmsOnADenseTaskIsOneLineAndExitTwo() {
        CliRunner r = CliRunner.runReal("algorithms", "--n", "4", "--noise", "0.1");
        assertEquals(Main.USAGE, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("task.kind = dense: icl algorithms needs task.kind: sparse"), r.err());
    }
}
