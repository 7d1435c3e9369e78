package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.data.Predictor;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.Precision;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.icldynamics.model.OneLayerAttention.Spec;
import org.icldynamics.model.OneLayerAttention.Trainable;
import org.icldynamics.model.OneLayerAttention.ValueOutput;
import org.junit.jupiter.api.Test;

class OneLayerAttentionTest {
    private static OneLayerAttention build(Spec spec, int d, int outputs, long seed) {
        return spec.build(d, outputs, 4, new RandomStreams(seed), BlockParallel.serial());
    }

    private static int offset(Model model, String block) {
        return model.blocks().stream().filter(b -> b.name().equals(block)).findFirst().orElseThrow().offset();
    }

    @Test
    void linearAttentionWithConstructedWeightsEqualsOneGradientStepFromZero() {
        int d = 3;
        int n = 4;
        double eta = 0.37;
        PromptBatch batch = TestPrompts.random(70, n, d, 1, 21);
        for (QueryAttention qa : QueryAttention.values()) {
            for (Trainable trainable : Trainable.values()) {
                Spec spec = AttentionSpecBuilder.defaults().scores(Scores.LINEAR).normalisation(Normalisation.BY_CONTEXT_LENGTH)
                        .queryAttention(qa).trainable(trainable).init(Init.IDENTITY, 0.0).build();
                OneLayerAttention model = build(spec, d, 1, 1);
                double[] p = model.parameters();
                int kq = offset(model, "head0.kq");
                for (int i = 0; i < d; i++) {
                    p[kq + i * (d + 1) + i] = 1.0; // KQ x-block = I
                }
                p[offset(model, "head0.ov") + d] = eta; // OV = eta e_y^T
                double[] yhat = model.predict(batch);
                for (int q = 0; q < batch.b; q++) {
                    double gd = 0.0; // (eta / n) sum_i y_i x_i^T x_q
                    for (int i = 0; i < n; i++) {
                        double dot = 0.0;
                        for (int j = 0; j < d; j++) {
                            dot += batch.x[batch.xIndex(q, i) + j] * batch.xq[q * d + j];
                        }
                        gd += eta / n * batch.y[batch.yIndex(q, i)] * dot;
                    }
                    assertEquals(gd, yhat[q], 1e-12, qa + " " + trainable);
                }
            }
        }
    }

    @Test
    void separateKeyQueryAndValueOutputEqualTheMergedModelWithTheirProducts() {
        int d = 3;
        int o = 2;
        Spec separate = AttentionSpecBuilder.defaults().heads(2).separateKeyQuery(2).valueOutput(ValueOutput.SEPARATE)
                .queryAttention(QueryAttention.INCLUDED).init(Init.GAUSSIAN, 0.8).build();
        OneLayerAttention sep = build(separate, d, o, 5);
        Spec mergedSpec = AttentionSpecBuilder.of(separate).mergedKeyQuery().valueOutput(ValueOutput.MERGED).build();
        OneLayerAttention merged = build(mergedSpec, d, o, 6);
        double multiplier = mergedSpec.scoreMultiplier(d + o);
        List<HeadCircuit> circuits = sep.circuits();
        for (HeadCircuit c : circuits) {
            int kq = offset(merged, "head" + c.head() + ".kq");
            for (int i = 0; i < c.kq().length; i++) {
                merged.parameters()[kq + i] = c.kq()[i] / multiplier;
            }
            System.arraycopy(c.ov(), 0, merged.parameters(), offset(merged, "head" + c.head() + ".ov"), c.ov().length);
        }
        PromptBatch batch = TestPrompts.random(9, 5, d, o, 7);
        assertArrayEquals(sep.predict(batch), merged.predict(batch), 1e-12);
        for (int h = 0; h < 2; h++) {
            assertArrayEquals(circuits.get(h).kq(), merged.circuits().get(h).kq(), 1e-15);
        }
    }

    @Test
    void softmaxWithZeroKeyQueryPredictsTheOvImageOfTheMeanToken() {
        int d = 2;
        Spec spec = AttentionSpecBuilder.defaults().heads(1).init(Init.GAUSSIAN, 1.0).build();
        OneLayerAttention model = build(spec, d, 1, 8);
        java.util.Arrays.fill(model.parameters(), offset(model, "head0.kq"), offset(model, "head0.ov"), 0.0);
        PromptBatch batch = TestPrompts.random(4, 3, d, 1, 9);
        double[] ov = model.circuits().get(0).ov();
        double[] yhat = model.predict(batch);
        for (int q = 0; q < batch.b; q++) {
            double expected = 0.0;
            for (int l = 0; l < 3; l++) {
                for (int j = 0; j < d; j++) {
                    expected += ov[j] * batch.x[batch.xIndex(q, l) + j] / 3;
                }
                expected += ov[d] * batch.y[batch.yIndex(q, l)] / 3;
            }
            assertEquals(expected, yhat[q], 1e-12);
        }
    }

    @Test
    void reducedLinearSufficientStatisticsEqualTheFullTokenKernel() {
        for (Normalisation norm : Normalisation.values()) {
            Spec reduced = AttentionSpecBuilder.defaults().heads(3).scores(Scores.LINEAR).normalisation(norm).separateKeyQuery(2)
                    .valueOutput(ValueOutput.SEPARATE).queryAttention(QueryAttention.INCLUDED)
                    .trainable(Trainable.REDUCED).init(Init.LINEAR_PAPER, 0.9).build();
            OneLayerAttention fast = build(reduced, 3, 2, 10);
            OneLayerAttention full = build(AttentionSpecBuilder.of(reduced).trainable(Trainable.ALL).build(), 3, 2, 11);
            System.arraycopy(fast.parameters(), 0, full.parameters(), 0, fast.parameters().length);
            PromptBatch batch = TestPrompts.random(130, 6, 3, 2, 12);
            double[] gFast = new double[fast.parameters().length];
            double[] gFull = new double[gFast.length];
            double lFast = fast.lossAndGradient(batch, gFast);
            double lFull = full.lossAndGradient(batch, gFull);
            assertEquals(lFull, lFast, 1e-12 * lFull);
            double[] mask = fast.trainableMask();
            for (int i = 0; i < gFast.length; i++) {
                assertEquals(mask[i] * gFull[i], gFast[i], 1e-12 * (1 + Math.abs(gFull[i])), fast.blockOf(i).name());
            }
            assertArrayEquals(full.predict(batch), fast.predict(batch), 1e-12);
        }
    }

    @Test
    void lossEqualsThePerPromptFormulaComputedIndependently() {
        int d = 2;
        int o = 2;
        int dd = d + o;
        double t = 0.7;
        Spec spec = AttentionSpecBuilder.defaults().heads(2).temperature(t).separateKeyQuery(2).valueOutput(ValueOutput.SEPARATE)
                .init(Init.GAUSSIAN, 0.9).build();
        OneLayerAttention model = build(spec, d, o, 13);
        PromptBatch batch = TestPrompts.random(3, 2, d, o, 14);
        double[] p = model.parameters();
        double sse = 0.0;
        for (int q = 0; q < batch.b; q++) {
            double[] zq = {batch.xq[q * d], batch.xq[q * d + 1], 0, 0};
            double[][] z = new double[2][];
            for (int l = 0; l < 2; l++) {
                int xi = batch.xIndex(q, l);
                int yi = batch.yIndex(q, l);
                z[l] = new double[] {batch.x[xi], batch.x[xi + 1], batch.y[yi], batch.y[yi + 1]};
            }
            double[] yhat = new double[o];
            for (int h = 0; h < 2; h++) {
                int k = offset(model, "head" + h + ".key");
                int qq = offset(model, "head" + h + ".query");
                int v = offset(model, "head" + h + ".value");
                int out = offset(model, "head" + h + ".output");
                double[] s = new double[2];
                for (int l = 0; l < 2; l++) {
                    for (int r = 0; r < 2; r++) {
                        double kz = 0;
                        double qz = 0;
                        for (int j = 0; j < dd; j++) {
                            kz += p[k + r * dd + j] * z[l][j];
                            qz += p[qq + r * dd + j] * zq[j];
                        }
                        s[l] += t * kz * qz;
                    }
                }
                double a0 = 1.0 / (1.0 + Math.exp(s[1] - s[0]));
                double[] a = {a0, 1.0 - a0};
                for (int c = 0; c < o; c++) {
                    for (int i = 0; i < dd; i++) {
                        for (int j = 0; j < dd; j++) {
                            yhat[c] += p[out + c * dd + i] * p[v + i * dd + j] * (a[0] * z[0][j] + a[1] * z[1][j]);
                        }
                    }
                }
            }
            for (int c = 0; c < o; c++) {
                double r = yhat[c] - batch.yq[q * o + c];
                sse += r * r;
            }
        }
        assertEquals(sse / (batch.b * o), model.loss(batch), 1e-13);
    }

    @Test
    void lossAndGradientAreBitIdenticalOnOneAndTwoThreads() {
        Spec[] specs = {
            AttentionSpecBuilder.defaults().heads(3).separateKeyQuery(2).queryAttention(QueryAttention.INCLUDED)
                    .init(Init.TORCH_UNIFORM, 0).build(),
            AttentionSpecBuilder.defaults().heads(3).scores(Scores.LINEAR).trainable(Trainable.REDUCED).init(Init.GAUSSIAN, 0.5).build()
        };
        PromptBatch batch = TestPrompts.random(300, 7, 3, 1, 15);
        for (Spec spec : specs) {
            OneLayerAttention one = spec.build(3, 1, 7, new RandomStreams(16), BlockParallel.serial());
            double[] g1 = new double[one.parameters().length];
            double[] g2 = new double[g1.length];
            double l1 = one.lossAndGradient(batch, g1);
            double l2;
            try (BlockParallel two = new BlockParallel(2)) {
                OneLayerAttention other = spec.build(3, 1, 7, new RandomStreams(16), two);
                l2 = other.lossAndGradient(batch, g2);
            }
            assertEquals(Double.doubleToLongBits(l1), Double.doubleToLongBits(l2));
            assertArrayEquals(g1, g2, 0.0);
        }
    }

    @Test
    void headsAddUpAndAblatingOneHeadRemovesExactlyItsShareWithoutEditingTheModel() {
        Spec spec = AttentionSpecBuilder.defaults().heads(3).valueOutput(ValueOutput.SEPARATE).init(Init.GAUSSIAN, 0.7).build();
        OneLayerAttention model = build(spec, 2, 2, 17);
        double[] before = model.parameters().clone();
        PromptBatch batch = TestPrompts.random(5, 4, 2, 2, 18);
        double[] full = model.predict(batch);
        double[] sum = new double[full.length];
        for (int h = 0; h < 3; h++) {
            double[] only = model.intervened(HeadIntervention.keepOnly(0, 3, List.of(h))).predict(batch);
            double[] without = model.intervened(List.of(new HeadIntervention.Zero(0, h))).predict(batch);
            for (int i = 0; i < full.length; i++) {
                sum[i] += only[i];
                assertEquals(full[i] - only[i], without[i], 1e-12);
            }
        }
        assertArrayEquals(full, sum, 1e-12);
        assertArrayEquals(before, model.parameters(), 0.0);
        Predictor none = model.intervened(HeadIntervention.keepOnly(0, 3, List.of()));
        assertArrayEquals(new double[full.length], none.predict(batch), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.intervened(List.of(new HeadIntervention.Zero(0, 3))));
        assertTrue(e.getMessage().contains("head 3"), e.getMessage());
    }

    @Test
    void blockNamesAreStable() {
        OneLayerAttention merged = build(AttentionSpecBuilder.defaults().heads(2).build(), 2, 1, 1);
        assertEquals(List.of("head0.kq[3, 3]", "head0.ov[1, 3]", "head1.kq[3, 3]", "head1.ov[1, 3]"),
                merged.blocks().stream().map(ParameterBlock::toString).toList());
        OneLayerAttention separate = build(AttentionSpecBuilder.defaults().heads(1).separateKeyQuery(2)
                .valueOutput(ValueOutput.SEPARATE).build(), 2, 1, 1);
        assertEquals(List.of("head0.key[2, 3]", "head0.query[2, 3]", "head0.value[3, 3]", "head0.output[1, 3]"),
                separate.blocks().stream().map(ParameterBlock::toString).toList());
    }

    @Test
    void contextFreePromptsPredictZeroForLinearScoresWithoutQueryAttention() {
        OneLayerAttention model = build(AttentionSpecBuilder.defaults().scores(Scores.LINEAR).normalisation(Normalisation.BY_CONTEXT_LENGTH)
                .init(Init.GAUSSIAN, 1.0).build(), 2, 1, 19);
        assertArrayEquals(new double[3], model.predict(TestPrompts.random(3, 0, 2, 1, 20)), 0.0);
    }

    @Test
    void badSettingsAreRejectedWithTheirCause() {
        Spec tooWide = AttentionSpecBuilder.defaults().separateKeyQuery(4).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> build(tooWide, 2, 1, 1)).getMessage()
                .contains("rank 4"));
        assertThrows(IllegalArgumentException.class, () -> AttentionSpecBuilder.defaults().temperature(-1).build());
        OneLayerAttention model = build(AttentionSpecBuilder.defaults().build(), 2, 1, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> model.predict(TestPrompts.random(2, 2, 3, 1, 1)))
                .getMessage().contains("d=3"));
    }

    @Test
    void floatPrecisionModelAgreesWithDoubleToFloatRoundoff() {
        Spec dbl = AttentionSpecBuilder.defaults().init(Init.GAUSSIAN, 0.3).build();
        OneLayerAttention a = build(dbl, 3, 1, 5);
        OneLayerAttention b = build(AttentionSpecBuilder.of(dbl).precision(Precision.FLOAT).build(), 3, 1, 5);
        var batch = TestPrompts.random(70, 6, 3, 1, 9);
        double la = a.loss(batch);
        double lb = b.loss(batch);
        assertTrue(Math.abs(la - lb) <= 1e-5 * Math.abs(la) + 1e-6, la + " vs " + lb);
    }
}
