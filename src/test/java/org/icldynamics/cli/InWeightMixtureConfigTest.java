package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code task.mixture: in-weight} through {@code icl run}: metrics carry the IW and IC test losses on every
 * evaluated row, and what the model learns follows the in-context fraction c (linear-attention A.1): with c = 0 it
 * memorises w* (IW loss falls, IC loss does not), with c = 1 it learns in context (IC loss falls, IW does not).
 */
class InWeightMixtureConfigTest {
    private static final String[] TINY = {"--set", "task.d=2", "--set", "task.n=8", "--set", "task.noise=0",
        "--set", "task.queryNoise=0", "--set", "task.tau2=1", "--set", "model.scores=linear", "--set",
        "model.heads=1", "--set", "train.optimizer=adam", "--set", "train.lr=0.02", "--set", "train.steps=300",
        "--set", "train.batch=128", "--set", "train.data=fixed", "--set", "train.logEvery=50", "--set",
        "train.evalEvery=100", "--set", "train.checkpointEvery=0", "--set", "eval.prompts=256", "--set",
        "task.mixture=in-weight", "--set", "train.threads=1"};

    @TempDir
    Path tmp;

    /** Rows of metrics.csv split into fields, header first. */
    private List<String[]> run(String name, double c) throws IOException {
        List<String> a = new ArrayList<>(List.of("run", "--out", tmp.resolve(name).toString()));
        a.addAll(List.of(TINY));
        a.addAll(List.of("--set", "task.inContextFraction=" + c));
        CliRunner r = CliRunner.runReal(a.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(tmp.resolve(name).resolve("metrics.csv"))) {
            rows.add(line.split(",", -1));
        }
        return rows;
    }

    @Test
    void metricsCarryInWeightAndInContextLossesOnEvaluatedRowsOnly() throws IOException {
        List<String[]> rows = run("mix", 0.5);
        assertEquals("step,t,train_loss,eval_loss,eval_iw,eval_ic", String.join(",", rows.get(0)));
        for (String[] f : rows.subList(1, rows.size())) {
            assertEquals(6, f.length);
            boolean evaluated = !f[3].isEmpty();
            assertEquals(evaluated, !f[4].isEmpty(), String.join(",", f));
            assertEquals(evaluated, !f[5].isEmpty(), String.join(",", f));
            assertEquals(Long.parseLong(f[0]) % 100 == 0, evaluated, String.join(",", f));
        }
    }

    private static double col(String[] row, int k) {
        return Double.parseDouble(row[k]);
    }

    @Test
    void inContextFractionDecidesWhetherTheModelMemorisesOrLearnsInContext() throws IOException {
        List<String[]> iw = run("c0", 0.0);
        List<String[]> ic = run("c1", 1.0);
        String[] iw0 = iw.get(1);
        String[] iwEnd = iw.get(iw.size() - 1);
        String[] ic0 = ic.get(1);
        String[] icEnd = ic.get(ic.size() - 1);
        String msg = "c=0: " + String.join(",", iw0) + " -> " + String.join(",", iwEnd) + "; c=1: "
                + String.join(",", ic0) + " -> " + String.join(",", icEnd);
        assertTrue(col(iwEnd, 4) < 0.25 * col(iw0, 4), msg); // measured 3.17 -> 0.58
        assertTrue(col(icEnd, 5) < 0.1 * col(ic0, 5), msg); // measured 30.3 -> 0.51
        assertTrue(col(iwEnd, 5) > 2 * col(icEnd, 5), msg);
        assertTrue(col(icEnd, 4) > 2 * col(iwEnd, 4), msg);
    }
}
