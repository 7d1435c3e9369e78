package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.icldynamics.report.Csv;
import org.icldynamics.theory.OneStepGdRisk;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code icl eval} in estimators-only mode reproduces the softmax spec's estimator-versus-length table F-A5. */
class EvalCommandTest {
    // rows of F-A5 (softmax-multihead A.5): L, 2-head TF, 1-head TF, GD 0.897, DGD 0.897, ridge/Bayes
    private static final double[][] FA5 = {
        {10, 0.6039, 0.8754, 0.6434, 0.6140, 0.1938}, {20, 0.3675, 0.5859, 0.3709, 0.3692, 0.1346},
        {30, 0.2864, 0.4711, 0.2849, 0.2867, 0.1215}, {40, 0.2430, 0.4048, 0.2407, 0.2431, 0.1146},
        {60, 0.1997, 0.3389, 0.1976, 0.1993, 0.1087}, {80, 0.1759, 0.3016, 0.1740, 0.1757, 0.1056},
        {100, 0.1638, 0.2844, 0.1622, 0.1635, 0.105}};
    private static final List<String> COLUMNS = List.of("softmax-2head:0.13:3.45", "softmax-1head", "gd:0.897",
            "debiased-gd:0.897", "bayes");

    @TempDir
    Path tmp;

    private void check(int[] rows, int prompts) throws IOException {
        StringBuilder lengths = new StringBuilder();
        for (int r : rows) {
            lengths.append(lengths.isEmpty() ? "" : ",").append((int) FA5[r][0]);
        }
        Path out = tmp.resolve("eval");
        CliRunner r = CliRunner.run("eval", "--config", "experiments/he25-heads.yaml", "--set", "train.threads=2",
                "--lengths", lengths.toString(), "--prompts", String.valueOf(prompts), "--bootstrap", "0",
                "--out", out.toString());
        assertEquals(0, r.exit(), r.err());
        Map<String, double[]> mse = new HashMap<>(); // "name@n" -> {mse, se}
        List<List<String>> csv = Csv.parse(Files.readString(out.resolve("eval.csv")));
        for (List<String> row : csv.subList(1, csv.size())) {
            mse.put(row.get(1) + "@" + row.get(2), new double[] {Double.parseDouble(row.get(4)),
                Double.parseDouble(row.get(5))});
        }
        for (int i : rows) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                double[] p = mse.get(COLUMNS.get(c) + "@" + (int) FA5[i][0]);
                assertTrue(4 * p[1] < 0.01, "too few prompts: " + COLUMNS.get(c) + " " + p[1]);
                int l = (int) FA5[i][0];
                if (c == 2 || c == 3) {
                    // GD and DGD have exact risks (A.4.2); the table's own Monte Carlo is up to 0.0098 off them at
                    // L = 10 (GD: 0.6434 vs 0.6336), so these columns are held to the closed form within 4 SE
                    double exact = c == 2 ? OneStepGdRisk.gd(0.897, 5, l, 0.1) : OneStepGdRisk.debiased(0.897, 5, l, 0.1);
                    assertEquals(exact, p[0], 4 * p[1], COLUMNS.get(c) + " at L = " + l);
                    assertEquals(FA5[i][c + 1], exact, 0.01);
                } else {
                    assertEquals(FA5[i][c + 1], p[0], 0.01, COLUMNS.get(c) + " at L = " + l);
                }
            }
        }
        assertTrue(Files.size(out.resolve("figures").resolve("eval.png")) > 1000);
    }

    @Test
    void estimatorsOnlyRowsFortyAndHundredMatchTheSpecTableWithinOneHundredth() throws IOException {
        check(new int[] {3, 6}, 120_000);
    }

    @Tag("slow")
    @Test
    void estimatorsOnlyFullTableMatchesTheSpecWithinOneHundredth() throws IOException {
        check(new int[] {0, 1, 2, 3, 4, 5, 6}, 420_000);
    }

    @Test
    void evalWithoutRunsOrConfigIsAUsageErrorNamingTheCause() {
        CliRunner r = CliRunner.run("eval");
        assertEquals(Main.USAGE, r.exit());
        assertTrue(r.err().contains("--config"), r.err());
        CliRunner bad = CliRunner.run("eval", "--config", "experiments/he25-heads.yaml", "--estimators", "gd");
        assertEquals(Main.USAGE, bad.exit());
        assertTrue(bad.err().contains("takes 1 parameter"), bad.err());
    }
}
