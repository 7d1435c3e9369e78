package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.OneLayerAttention.Normalisation;
import org.icldynamics.model.OneLayerAttention.QueryAttention;
import org.icldynamics.model.OneLayerAttention.Scores;
import org.icldynamics.model.OneLayerAttention.Spec;
import org.icldynamics.model.OneLayerAttention.Trainable;
import org.junit.jupiter.api.Test;

class CubicFeatureNetworkTest {
    private static final int D = 3;
    private static final int H = 3;

    /** Copies fc1 row i (= vec U_i) into head i's KQ x-block and fc2[i] into head i's OV y-entry. */
    private static void matchWeights(CubicFeatureNetwork mlp, OneLayerAttention attn) {
        double[] w = mlp.parameters();
        double[] p = attn.parameters();
        for (int h = 0; h < H; h++) {
            int kq = offset(attn, "head" + h + ".kq");
            for (int a = 0; a < D; a++) {
                for (int c = 0; c < D; c++) {
                    p[kq + a * (D + 1) + c] = w[(h * D + a) * D + c];
                }
            }
            p[offset(attn, "head" + h + ".ov") + D] = w[H * D * D + h];
        }
    }

    private static int offset(Model model, String block) {
        return model.blocks().stream().filter(b -> b.name().equals(block)).findFirst().orElseThrow().offset();
    }

    @Test
    void cubicFeatureNetworkAndReducedMergedLinearAttentionFollowTheSameLossCurveUnderGradientDescent() {
        LinearRegressionTask task = new LinearRegressionTask(6, Covariance.isotropic(D, 1.0), 1.0, 0.1, 0.0);
        PromptBatch train = new PromptSampler(task, new RandomStreams(3), "train").sample(0, 200);
        for (Normalisation norm : Normalisation.values()) {
            CubicFeatureNetwork mlp = new CubicFeatureNetwork.Spec(H, 0.4, norm, LossConvention.MSE)
                    .build(D, 1, 6, new RandomStreams(4), BlockParallel.serial());
            OneLayerAttention attn = AttentionSpecBuilder.defaults().heads(H).scores(Scores.LINEAR).normalisation(norm)
                    .queryAttention(QueryAttention.INCLUDED).trainable(Trainable.REDUCED).build()
                    .build(D, 1, 6, new RandomStreams(5), BlockParallel.serial());
            matchWeights(mlp, attn);
            List<HeadCircuit> a = attn.circuits();
            List<HeadCircuit> m = mlp.circuits();
            for (int h = 0; h < H; h++) {
                assertArrayEquals(m.get(h).kq(), a.get(h).kq(), 0.0);
                assertArrayEquals(m.get(h).ov(), a.get(h).ov(), 0.0);
            }
            double eta = norm == Normalisation.NONE ? 2e-3 : 0.05;
            double[] lossMlp = descend(mlp, train, eta, 200);
            double[] lossAttn = descend(attn, train, eta, 200);
            assertArrayEquals(lossMlp, lossAttn, 1e-10, norm.toString());
            assertTrue(lossMlp[200] < 0.8 * lossMlp[0], norm + ": loss " + lossMlp[0] + " -> " + lossMlp[200]);
        }
    }

    /** Plain full-batch GD; returns the loss before each of {@code steps} steps and after the last. */
    private static double[] descend(Model model, PromptBatch batch, double eta, int steps) {
        double[] p = model.parameters();
        double[] g = new double[p.length];
        double[] losses = new double[steps + 1];
        for (int t = 0; t < steps; t++) {
            losses[t] = model.lossAndGradient(batch, g);
            for (int i = 0; i < p.length; i++) {
                p[i] -= eta * g[i];
            }
        }
        losses[steps] = model.loss(batch);
        return losses;
    }

    @Test
    void predictionIsTheSecondLayerTimesFirstLayerTimesTheCubicFeature() {
        CubicFeatureNetwork mlp = new CubicFeatureNetwork.Spec(2, 1.0).build(2, 1, 3, new RandomStreams(9),
                BlockParallel.serial());
        PromptBatch batch = TestPrompts.random(4, 3, 2, 1, 10);
        double[] w = mlp.parameters();
        double[] yhat = mlp.predict(batch);
        for (int q = 0; q < batch.b; q++) {
            double[] b = new double[2];
            for (int l = 0; l < 3; l++) {
                for (int a = 0; a < 2; a++) {
                    b[a] += batch.y[batch.yIndex(q, l)] * batch.x[batch.xIndex(q, l) + a];
                }
            }
            double expected = 0.0;
            for (int h = 0; h < 2; h++) {
                double hidden = 0.0;
                for (int a = 0; a < 2; a++) {
                    for (int c = 0; c < 2; c++) {
                        hidden += w[h * 4 + a * 2 + c] * b[a] * batch.xq[q * 2 + c];
                    }
                }
                expected += w[8 + h] * hidden;
            }
            assertEquals(expected, yhat[q], 1e-12);
        }
    }

    @Test
    void theSpecTakesExactlyTheInitsItHonoursAndAScaleOnlyWhereTheInitReadsOne() {
        for (Init init : Init.values()) {
            boolean honoured = init == Init.GAUSSIAN || init == Init.EQUIVALENT_TO;
            assertEquals(honoured, CubicFeatureNetwork.Spec.honours(init), init.name());
            for (String source : List.of("", "runs/attn")) {
                java.util.function.Supplier<CubicFeatureNetwork.Spec> scaled = () -> new CubicFeatureNetwork.Spec(2,
                        Normalisation.NONE, init, 0.3, LossConvention.MSE, source);
                if (!honoured) {
                    assertEquals("init", assertThrows(org.icldynamics.config.InvalidSettingException.class,
                            scaled::get).key(), init.name());
                } else if (init.readsScale(source)) {
                    assertEquals(0.3, scaled.get().initScale());
                } else {
                    assertEquals("initScale", assertThrows(org.icldynamics.config.InvalidSettingException.class,
                            scaled::get).key(), init + " from " + source);
                    assertEquals(0.0, new CubicFeatureNetwork.Spec(2, Normalisation.NONE, init, 0.0,
                            LossConvention.MSE, source).initScale());
                }
            }
        }
        // equivalent-to reads the scale only to draw its own attention twin; torch-uniform never reads one
        assertTrue(Init.EQUIVALENT_TO.readsScale("") && !Init.EQUIVALENT_TO
                .readsScale("runs/attn") && !Init.TORCH_UNIFORM.readsScale(""));
    }

    @Test
    void moreThanOneOutputIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CubicFeatureNetwork.Spec(2, 1.0).build(2, 2, 3, new RandomStreams(1), BlockParallel.serial()));
        assertTrue(e.getMessage().contains("single output"));
    }
}
