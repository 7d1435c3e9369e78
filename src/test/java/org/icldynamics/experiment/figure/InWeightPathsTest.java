package org.icldynamics.experiment.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.model.Model;
import org.icldynamics.model.ParameterBlock;
import org.icldynamics.theory.InWeightTheory;
import org.junit.jupiter.api.Test;

/**
 * {@code task.mixture: in-weight} end to end (config, factory, mixture, model) against the spec's in-weight terms
 * (linear-attention A.1, A.2.1): ATTN_M with only the u_h entries (key y-row, query x-columns) and the value
 * y-entry set computes exactly the label-path memoriser {@code v S_yy u^T x_q}, with only the x-block and the value
 * y-entry exactly the in-context predictor {@code sigma b^T x_q}, on the run's own IW and IC test sets (the query
 * token attends to itself but carries label 0); and the test sets' labels have the spec's second moments.
 */
class InWeightPathsTest {
    private static final int D = 4;
    private static final int WIDTH = D + 1;
    private static final double LAMBDA = 0.25;

    private static ExperimentParts parts(double c) {
        ExperimentSpec spec = ConfigYaml.load(Path.of("experiments", InContextInWeightFigures.CONFIG), List.of(
                "task.inContextFraction=" + c, "train.batch=256", "eval.prompts=512", "train.threads=1"));
        return ExperimentFactory.build(spec);
    }

    private static ParameterBlock block(Model m, String name) {
        return m.blocks().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    /** Zeroes every parameter and sets head 0: {@code kq [D, D]} row-major and the value entry {@code ov[0, d]}. */
    private static void setHeadZero(Model m, double[] kq, double valueY) {
        double[] p = m.parameters();
        Arrays.fill(p, 0);
        System.arraycopy(kq, 0, p, block(m, "head0.kq").offset(), WIDTH * WIDTH);
        p[block(m, "head0.ov").offset() + D] = valueY;
    }

    private static void assertRelative(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.abs(expected), what);
    }

    @Test
    void uEntriesComputeTheLabelPathMemoriserExactlyOnBothTestSets() {
        try (ExperimentParts parts = parts(0.5)) {
            PromptBatch iw = parts.extraEvals().get(0).prompts();
            PromptBatch ic = parts.extraEvals().get(1).prompts();
            double[] wStar = Arrays.copyOf(iw.w, D);
            double a = InWeightTheory.labelPathWeight(iw.n);
            double[] kq = new double[WIDTH * WIDTH];
            for (int j = 0; j < D; j++) {
                kq[D * WIDTH + j] = a / iw.n * wStar[j]; // u: score y_l * (u^T x_q)
            }
            Model m = parts.model();
            setHeadZero(m, kq, 1.0);
            assertRelative(InWeightPredictors.loss(InWeightPredictors.Kind.LABEL_PATH, iw, wStar, LAMBDA), m.loss(iw),
                    "IW");
            assertRelative(InWeightPredictors.loss(InWeightPredictors.Kind.LABEL_PATH, ic, wStar, LAMBDA), m.loss(ic),
                    "IC");
        }
    }

    @Test
    void xBlockComputesTheInContextPredictorExactlyOnBothTestSets() {
        try (ExperimentParts parts = parts(1.0)) {
            PromptBatch iw = parts.extraEvals().get(0).prompts();
            PromptBatch ic = parts.extraEvals().get(1).prompts();
            double[] wStar = Arrays.copyOf(iw.w, D);
            double[] kq = new double[WIDTH * WIDTH];
            for (int j = 0; j < D; j++) {
                kq[j * WIDTH + j] = InWeightTheory.inContextScale(LAMBDA, D, iw.n);
            }
            Model m = parts.model();
            setHeadZero(m, kq, 1.0);
            InWeightPredictors.Kind k = InWeightPredictors.Kind.IN_CONTEXT_OPTIMUM;
            assertRelative(InWeightPredictors.loss(k, iw, wStar, LAMBDA), m.loss(iw), "IW");
            assertRelative(InWeightPredictors.loss(k, ic, wStar, LAMBDA), m.loss(ic), "IC");
        }
    }

    @Test
    void testQueryLabelsHaveTheSpecsSecondMomentsWithinFourStandardErrors() {
        try (ExperimentParts parts = parts(0.4)) {
            for (PromptBatch t : List.of(parts.extraEvals().get(0).prompts(), parts.extraEvals().get(1).prompts())) {
                // IW: E(w*^T x_q)^2 = lambda |w*|^2 = lambda D; IC: E(w^T x_q)^2 = lambda E|w|^2 = lambda D
                double sum = 0;
                double sum2 = 0;
                for (int p = 0; p < t.b; p++) {
                    double y2 = t.yq[p] * t.yq[p];
                    sum += y2;
                    sum2 += y2 * y2;
                }
                double mean = sum / t.b;
                double se = Math.sqrt((sum2 / t.b - mean * mean) / (t.b - 1));
                assertEquals(LAMBDA * D, mean, 4 * se, "mean y_q^2 of a test set");
            }
            // the first floor(c P) training prompts carry their own tasks, the rest w* (A.1)
            PromptBatch train = parts.batches().batch(0);
            double[] wStar = Arrays.copyOf(parts.extraEvals().get(0).prompts().w, D);
            int own = (int) Math.floor(0.4 * train.b);
            assertEquals(false, Arrays.equals(wStar, Arrays.copyOfRange(train.w, (own - 1) * D, own * D)));
            assertEquals(true, Arrays.equals(wStar, Arrays.copyOfRange(train.w, own * D, (own + 1) * D)));
        }
    }
}
