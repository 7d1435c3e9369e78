package org.icldynamics.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.data.InputCentring;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.data.TaskWhitening;
import org.icldynamics.data.TrainingSet;
import org.icldynamics.model.Model;
import org.icldynamics.model.ParameterBlock;
import org.icldynamics.theory.LinearAttentionFlow;
import org.icldynamics.theory.MergedAttentionTimeCourse;
import org.icldynamics.theory.OdeSolution;
import org.icldynamics.train.GradientFlow;
import org.icldynamics.train.LogRecord;
import org.icldynamics.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.icldynamics.config.ConfigException;

/**
 * {@code train.data: population}: the exact population loss of reduced linear attention against finite differences,
 * Monte Carlo over sampled prompts, the theory's own flow in factored weights and the closed form of eq. 10; and
 * fixed-set runs approach the population run like {@code 1/sqrt(P)}.
 */
class PopulationObjectiveTest {
    private static final List<String> BASE = List.of("model.architecture=attention", "model.scores=linear",
            "model.trainable=reduced", "model.init=gaussian", "train.data=population", "train.optimizer=gd",
            "train.centring=none", "train.whitening=none", "task.tasks=1", "eval.prompts=8", "train.threads=1");

    private static ExperimentSpec spec(String... extra) {
        List<String> all = new ArrayList<>(BASE);
        all.addAll(List.of(extra));
        return ConfigYaml.defaults(all);
    }

    private static PopulationObjective objective(ExperimentParts parts) {
        return (PopulationObjective) parts.objective();
    }

    @Test
    void gradientMatchesCentralDifferencesForEveryParametrisation() {
        String[][] variants = {
            {"model.keyQuery=merged", "model.valueOutput=merged", "model.normalisation=none", "model.loss=mse"},
            {"model.keyQuery=separate", "model.rank=2", "model.valueOutput=merged",
                "model.normalisation=by-context-length", "model.loss=half-mse"},
            {"model.keyQuery=separate", "model.rank=1", "model.valueOutput=separate", "model.normalisation=none",
                "model.loss=mse"}};
        for (String[] v : variants) {
            List<String> sets = new ArrayList<>(List.of("task.d=3", "task.n=5", "model.heads=2", "model.initScale=0.4",
                    "task.eigenvalues=[3, 2, 1]", "task.basis=random-orthogonal", "task.noise=0.2"));
            sets.addAll(List.of(v));
            try (ExperimentParts parts = ExperimentFactory.build(spec(sets.toArray(String[]::new)))) {
                assertNull(parts.batches(), "population data samples no batches");
                double[] p = parts.model().parameters();
                double[] grad = new double[p.length];
                parts.objective().lossAndGradient(0, grad);
                double h = 1e-6;
                for (int i = 0; i < p.length; i++) {
                    double keep = p[i];
                    p[i] = keep + h;
                    double up = parts.objective().loss(0);
                    p[i] = keep - h;
                    double down = parts.objective().loss(0);
                    p[i] = keep;
                    double fd = (up - down) / (2 * h);
                    assertTrue(Math.abs(grad[i] - fd) <= 1e-8 + 1e-6 * Math.abs(fd),
                            String.join(" ", v) + " entry " + i + ": " + grad[i] + " vs " + fd);
                }
            }
        }
    }

    @Test
    void populationLossIsTheMeanOfSampledPromptLossesWithinFourStandardErrors() {
        for (String norm : List.of("none", "by-context-length")) {
            ExperimentSpec s = spec("task.d=3", "task.n=6", "model.heads=2", "model.initScale=0.3",
                    "task.eigenvalues=[3, 2, 1]", "task.basis=random-orthogonal", "task.noise=0.3",
                    "task.queryNoise=0.2", "task.tau2=2", "model.keyQuery=separate", "model.rank=2",
                    "model.normalisation=" + norm, "model.loss=half-mse");
            try (ExperimentParts parts = ExperimentFactory.build(s)) {
                double exact = parts.objective().loss(0);
                Task task = ExperimentFactory.taskSpec(s.task()).build(new RandomStreams(s.seed()));
                int prompts = 40_000;
                PromptBatch b = TrainingSet.draw(task, new TrainingSet.Spec(prompts, InputCentring.NONE,
                        TaskWhitening.NONE), new RandomStreams(77), parts.parallel()).batch();
                double[] yhat = parts.model().predict(b);
                double sum = 0;
                double sumSq = 0;
                for (int i = 0; i < prompts; i++) {
                    double l = 0.5 * (yhat[i] - b.yq[i]) * (yhat[i] - b.yq[i]);
                    sum += l;
                    sumSq += l * l;
                }
                double mean = sum / prompts;
                double se = Math.sqrt((sumSq / prompts - mean * mean) / (prompts - 1));
                assertTrue(Math.abs(mean - exact) <= 4 * se, norm + ": sampled " + mean + " +- " + se + " vs exact "
                        + exact);
                assertEquals(mean, parts.model().loss(b), 1e-12 * mean, "the model's own loss on the prompts");
            }
        }
    }

    /** The theory flow's state {@code [v, k (R x d), q (R x d)]} per head from the model's parameters. */
    private static double[] separateState(Model model, int heads, int rank, int d) {
        int width = d + 1;
        double[] out = new double[heads * (1 + 2 * rank * d)];
        double[] p = model.parameters();
        for (int h = 0; h < heads; h++) {
            int o = h * (1 + 2 * rank * d);
            out[o] = p[block(model, "head" + h + ".ov").offset() + d];
            for (int r = 0; r < rank; r++) {
                for (int i = 0; i < d; i++) {
                    out[o + 1 + r * d + i] = p[block(model, "head" + h + ".key").offset() + r * width + i];
                    out[o + 1 + (rank + r) * d + i] = p[block(model, "head" + h + ".query").offset() + r * width + i];
                }
            }
        }
        return out;
    }

    private static ParameterBlock block(Model model, String name) {
        return model.blocks().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    /** The training losses a gradient flow of {@code parts} logs at {@code times}. */
    private static double[] flowLosses(ExperimentParts parts, double[] times) {
        List<Double> losses = new ArrayList<>();
        GradientFlow.of(parts.model(), parts.objective(), null, new GradientFlow.Spec(1e-14, 1e-12, 1e-12, 1e3))
                .run(times, new TrainingListener() {
                    @Override
                    public void onLog(LogRecord r) {
                        losses.add(r.trainLoss());
                    }
                });
        assertEquals(times.length, losses.size());
        return losses.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void populationFlowOfSeparateRankTwoFollowsTheTheoryFlowFromTheSameWeightsTo1e8() {
        int d = 3;
        int heads = 2;
        int rank = 2;
        ExperimentSpec s = spec("task.d=3", "task.n=8", "model.heads=2", "model.initScale=0.3", "task.noise=0.1",
                "task.eigenvalues=[3, 2, 1]", "task.basis=random-orthogonal", "model.keyQuery=separate",
                "model.rank=2", "model.normalisation=none", "model.loss=mse", "model.init=linear-paper",
                "train.optimizer=flow");
        try (ExperimentParts parts = ExperimentFactory.build(s)) {
            double[] theta0 = separateState(parts.model(), heads, rank, d);
            double[] times = GradientFlow.linearTimes(1.0, 11);
            double[] run = flowLosses(parts, times);
            LinearAttentionFlow theory = new LinearAttentionFlow(objective(parts).population(),
                    LinearAttentionFlow.Layout.separate(rank), heads, 1.0);
            OdeSolution sol = theory.solve(theta0, times);
            double[] expected = theory.losses(sol);
            assertTrue(run[10] < 0.9 * run[0], "the flow moves: " + run[0] + " -> " + run[10]);
            for (int k = 0; k < times.length; k++) {
                assertEquals(expected[k], run[k], 1e-8 * expected[k], "t = " + times[k]);
            }
        }
    }

    @Test
    void mergedFlowFromAnAlignedBalancedHeadIsEquationTenTo1e8() {
        int d = 3;
        int n = 10;
        double u0 = 1e-3;
        ExperimentSpec s = spec("task.d=3", "task.n=10", "task.tau2=1", "task.noise=0", "task.queryNoise=0",
                "model.heads=1", "task.eigenvalues=[]",
                "task.trace=unit-trace", "model.keyQuery=merged", "model.valueOutput=merged",
                "model.normalisation=none", "model.loss=mse", "train.optimizer=flow");
        try (ExperimentParts parts = ExperimentFactory.build(s)) {
            double[] p = parts.model().parameters();
            java.util.Arrays.fill(p, 0.0);
            int width = d + 1;
            int kq = block(parts.model(), "head0.kq").offset();
            for (int i = 0; i < d; i++) { // U = sqrt(u0) I / sqrt(d): unit direction Lambda^2 / ||Lambda^2||_F
                p[kq + i * width + i] = Math.sqrt(u0 / d);
            }
            p[block(parts.model(), "head0.ov").offset() + d] = Math.sqrt(u0);
            double lambda = 1.0 / d;
            double half = MergedAttentionTimeCourse.halfwayStepCodeUnits(1.0, d, n, lambda, u0);
            double[] times = GradientFlow.linearTimes(2 * half, 9);
            double[] run = flowLosses(parts, times);
            for (int k = 0; k < times.length; k++) {
                double sigma = MergedAttentionTimeCourse.sigmaCodeUnits(times[k], 1.0, d, n, lambda, u0);
                double expected = MergedAttentionTimeCourse.lossCodeUnits(sigma, d, n, lambda);
                assertEquals(expected, run[k], 1e-8 * expected, "t = " + times[k]);
            }
            assertTrue(run[8] < 0.5 * run[0], "the course drops: " + run[0] + " -> " + run[8]);
        }
    }

    /** Parameters after {@code steps} GD steps with rate {@code lr} from {@code start}, descending {@code loss}. */
    private static double[] descend(Model model, double[] start, int steps, double lr,
                                    java.util.function.ToDoubleFunction<double[]> loss) {
        double[] p = model.parameters();
        System.arraycopy(start, 0, p, 0, p.length);
        double[] grad = new double[p.length];
        for (int k = 0; k < steps; k++) {
            loss.applyAsDouble(grad);
            for (int i = 0; i < p.length; i++) {
                p[i] -= lr * grad[i];
            }
        }
        return p.clone();
    }

    @Test
    void fixedSetRunsApproachThePopulationRunLikeOneOverRootP() {
        ExperimentSpec s = spec("seed=1", "task.d=2", "task.n=10", "task.tau2=1",
                "task.noise=0", "task.queryNoise=0", "model.heads=2", "model.initScale=0.5",
                "task.eigenvalues=[2, 1]", "task.basis=random-orthogonal", "model.keyQuery=separate",
                "model.rank=1", "model.normalisation=by-context-length", "model.loss=mse");
        int steps = 10;
        double lr = 0.05;
        int replicates = 16;
        int small = 500;
        int factor = 16;
        try (ExperimentParts parts = ExperimentFactory.build(s)) {
            Model model = parts.model();
            double[] start = model.parameters().clone();
            double[] target = descend(model, start, steps, lr, g -> parts.objective().lossAndGradient(0, g));
            double moved = distance2(target, start);
            Task task = ExperimentFactory.taskSpec(s.task()).build(new RandomStreams(s.seed()));
            double[][] sq = new double[2][replicates];
            for (int which = 0; which < 2; which++) {
                int prompts = which == 0 ? small : small * factor;
                for (int r = 0; r < replicates; r++) {
                    PromptBatch set = TrainingSet.draw(task, new TrainingSet.Spec(prompts, InputCentring.NONE,
                            TaskWhitening.NONE), new RandomStreams(1000L * which + r), parts.parallel()).batch();
                    sq[which][r] = distance2(descend(model, start, steps, lr, g -> model.lossAndGradient(set, g)),
                            target);
                }
            }
            // E||theta_P - theta_pop||^2 = c / P + O(1/P^2): the mean squared deviation falls by the factor in P
            double m0 = mean(sq[0]);
            double m1 = mean(sq[1]);
            double rse = Math.sqrt(Math.pow(se(sq[0]) / m0, 2) + Math.pow(se(sq[1]) / m1, 2));
            double logRatio = Math.log((m0 / m1) / factor);
            assertTrue(Math.abs(logRatio) <= 3 * rse, "mean squared deviation " + m0 + " at P = " + small + ", " + m1
                    + " at P = " + small * factor + ": ratio " + m0 / m1 + " vs " + factor + " (relative SE " + rse
                    + ")");
            assertTrue(m1 < 1e-2 * moved, "deviation " + m1 + " is small beside the distance moved " + moved);
        }
    }

    private static double distance2(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double se(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1) / x.length);
    }

    @Test
    void populationDataWhereItDoesNotApplyIsAOneLineErrorNamingTheConflict() {
        String[][] bad = {{"model.scores=softmax", "model.scores: linear"},
            {"model.trainable=all", "model.trainable: reduced"},
            {"model.architecture=transformer", "model.architecture: attention"},
            {"train.whitening=whiten", "train.whitening: none"},
            {"task.tasks=2", "one dense task"},
            {"task.kind=sparse", "one dense task"}};
        for (String[] b : bad) {
            List<String> sets = new ArrayList<>(BASE);
            sets.removeIf(x -> x.startsWith(b[0].substring(0, b[0].indexOf('=') + 1)));
            if (b[0].startsWith("model.architecture")) {
                sets.removeIf(x -> x.startsWith("model.trainable") || x.startsWith("model.init="));
            }
            if (b[0].startsWith("task.kind")) {
                sets.removeIf(x -> x.startsWith("task.tasks"));
            }
            sets.add(b[0]);
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigYaml.defaults(sets), b[0]);
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().contains("train.data = 'population'") && e.getMessage().contains(b[1]),
                    e.getMessage());
        }
        ExperimentSpec ok = spec("train.optimizer=flow");
        assertEquals(TrainSection.DataMode.POPULATION, ok.train().data());
    }
}
