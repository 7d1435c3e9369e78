package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention.Spec;
import org.icldynamics.model.OneLayerAttention.Trainable;
import org.icldynamics.model.OneLayerAttention.ValueOutput;
import org.junit.jupiter.api.Test;

class AttentionInitialisationTest {
    private static final int D_IN = 5;
    private static final int OUT = 1;
    private static final int W = D_IN + OUT;

    private static OneLayerAttention build(Spec spec, long seed) {
        return spec.build(D_IN, OUT, 10, new RandomStreams(seed), BlockParallel.serial());
    }

    private static double[] block(OneLayerAttention model, String name) {
        ParameterBlock b = model.blocks().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        return Arrays.copyOfRange(model.parameters(), b.offset(), b.offset() + b.size());
    }

    /** Mean of squares of all blocks whose name ends in {@code suffix}, and its standard error for N(0, var). */
    private static void assertMeanSquare(OneLayerAttention model, String suffix, double variance, int[] skipCols) {
        double sum = 0;
        int count = 0;
        for (ParameterBlock b : model.blocks()) {
            if (!b.name().endsWith(suffix)) {
                continue;
            }
            int cols = b.shape()[1];
            for (int i = 0; i < b.size(); i++) {
                int col = i % cols;
                if (Arrays.stream(skipCols).anyMatch(c -> c == col)) {
                    continue;
                }
                double v = model.parameters()[b.offset() + i];
                sum += v * v;
                count++;
            }
        }
        double se = variance * Math.sqrt(2.0 / count); // var(x^2) = 2 var^2 for Gaussians
        assertEquals(variance, sum / count, 4 * se, suffix + " over " + count + " entries");
    }

    @Test
    void sameSeedGivesTheSameWeightsAndAnotherSeedDifferentOnes() {
        Spec spec = AttentionSpecBuilder.defaults().heads(4).separateKeyQuery(2).init(Init.LINEAR_PAPER, 0.1).build();
        assertArrayEquals(build(spec, 1).parameters(), build(spec, 1).parameters(), 0.0);
        assertFalse(Arrays.equals(build(spec, 1).parameters(), build(spec, 2).parameters()));
    }

    @Test
    void gaussianEntriesHaveVarianceScaleSquared() {
        OneLayerAttention m = build(AttentionSpecBuilder.defaults().heads(16).valueOutput(ValueOutput.SEPARATE)
                .init(Init.GAUSSIAN, 0.3).build(), 3);
        assertMeanSquare(m, ".kq", 0.09, new int[0]);
        assertMeanSquare(m, ".value", 0.09, new int[0]);
    }

    @Test
    void torchUniformStaysWithinOneOverRootFanInAndHasItsVariance() {
        int heads = 16;
        OneLayerAttention m = build(AttentionSpecBuilder.defaults().heads(heads).separateKeyQuery(3).valueOutput(ValueOutput.SEPARATE)
                .init(Init.TORCH_UNIFORM, 0).build(), 4);
        for (String kind : new String[] {".key", ".query", ".value", ".output"}) {
            double bound = kind.equals(".output") ? 1 / Math.sqrt(heads * W) : 1 / Math.sqrt(W);
            double sum = 0;
            int count = 0;
            for (ParameterBlock b : m.blocks()) {
                if (b.name().endsWith(kind)) {
                    for (double v : block(m, b.name())) {
                        assertTrue(Math.abs(v) <= bound, kind + " entry " + v + " beyond " + bound);
                        sum += v * v;
                        count++;
                    }
                }
            }
            double variance = bound * bound / 3; // U(-a, a): E x^2 = a^2/3, var(x^2) = 4 a^4 / 45
            double se = bound * bound * Math.sqrt(4.0 / 45 / count);
            assertEquals(variance, sum / count, 4 * se, kind);
        }
    }

    @Test
    void linearPaperSchemeHasItsZeroBlocksAndKeyQueryScale() {
        double s = 0.5;
        OneLayerAttention merged = build(AttentionSpecBuilder.defaults().heads(8).init(Init.LINEAR_PAPER, s).build(), 5);
        for (int h = 0; h < 8; h++) {
            double[] kq = block(merged, "head" + h + ".kq");
            for (int c = 0; c < D_IN; c++) {
                assertEquals(0.0, kq[D_IN * W + c], "u_h"); // key y-row, query x-columns
            }
            double[] ov = block(merged, "head" + h + ".ov");
            for (int c = 0; c < D_IN; c++) {
                assertEquals(0.0, ov[c], "v-vector");
            }
            assertTrue(ov[D_IN] != 0.0);
        }
        int rank = 2;
        OneLayerAttention sep = build(AttentionSpecBuilder.defaults().heads(16).separateKeyQuery(rank).valueOutput(ValueOutput.SEPARATE)
                .init(Init.LINEAR_PAPER, s).build(), 6);
        for (int h = 0; h < 16; h++) {
            double[] key = block(sep, "head" + h + ".key");
            double[] value = block(sep, "head" + h + ".value");
            for (int r = 0; r < rank; r++) {
                assertEquals(0.0, key[r * W + D_IN], "kappa");
            }
            for (int i = 0; i < W; i++) {
                for (int c = 0; c < D_IN; c++) {
                    assertEquals(0.0, value[i * W + c], "value x-columns");
                }
            }
        }
        assertMeanSquare(sep, ".query", s * s / (rank * W), new int[0]);
        assertMeanSquare(sep, ".key", s * s / (rank * W), new int[] {D_IN});
    }

    @Test
    void identityInitGivesScaledIdentityCircuitsAndInclinedHeadsFourTimesTheirTaskEntry() {
        double s = 0.04;
        int o = 2;
        int w = 3 + o;
        for (boolean separate : new boolean[] {false, true}) {
            AttentionSpecBuilder b = AttentionSpecBuilder.defaults().heads(2).init(Init.IDENTITY_INCLINED, s).temperature(1.0);
            if (separate) {
                b.separateKeyQuery(w).valueOutput(ValueOutput.SEPARATE);
            }
            OneLayerAttention m = b.build().build(3, o, 10, new RandomStreams(7), BlockParallel.serial());
            for (HeadCircuit c : m.circuits()) {
                for (int i = 0; i < w; i++) {
                    for (int j = 0; j < w; j++) {
                        assertEquals(i == j ? s : 0.0, c.kq(i, j), 1e-15);
                    }
                }
                for (int k = 0; k < o; k++) {
                    for (int j = 0; j < w; j++) {
                        double expected = j == 3 + k ? (k == c.head() % o ? 4 * s : s) : 0.0;
                        assertEquals(expected, c.ov(k, j), 1e-15);
                    }
                }
            }
        }
    }

    @Test
    void reducedTrainingFixesEveryOtherEntryAtZeroFromTheStart() {
        OneLayerAttention m = build(AttentionSpecBuilder.defaults().heads(3).separateKeyQuery(2).valueOutput(ValueOutput.SEPARATE)
                .trainable(Trainable.REDUCED).init(Init.GAUSSIAN, 1.0).build(), 8);
        double[] mask = m.trainableMask();
        double[] p = m.parameters();
        int free = 0;
        for (int i = 0; i < p.length; i++) {
            if (mask[i] == 0.0) {
                assertEquals(0.0, p[i], m.blockOf(i).name());
            } else {
                free++;
                assertTrue(p[i] != 0.0);
            }
        }
        assertEquals(3 * (2 * 2 * D_IN + OUT * OUT + OUT * OUT), free); // key, query x-columns; value, output y-parts
    }
}
