package org.icldynamics.experiment;

import java.util.List;
import org.icldynamics.data.CovarianceSpec;
import org.icldynamics.data.InWeightMixture;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.MultiTaskRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.QueryNoise;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.SparseRegressionTask;
import org.icldynamics.data.Task;
import org.icldynamics.data.TaskSpec;
import org.icldynamics.data.TrainingSet;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.Model;
import org.icldynamics.model.ModelSpec;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.train.Adam;
import org.icldynamics.train.BatchSource;
import org.icldynamics.train.CurriculumBatches;
import org.icldynamics.train.EvaluationSet;
import org.icldynamics.train.FullBatch;
import org.icldynamics.train.GradientDescent;
import org.icldynamics.train.LearningRateSchedule;
import org.icldynamics.train.MinibatchSource;
import org.icldynamics.train.OnlineBatches;
import org.icldynamics.train.Optimizer;
import org.icldynamics.train.Sgd;
import org.icldynamics.train.TrainPlan;

/**
 * The one place where config records become objects: task, model, optimizer, batches, evaluation set and plan.
 * Named random streams: {@code covariance} (random eigenbasis), {@code init} (the model's), {@code train} (online
 * batches, one draw per step), {@code trainset} (the fixed training set), {@code eval} (the held-out set);
 * {@code train.data: population} draws no training prompts.
 */
public final class ExperimentFactory {
    private ExperimentFactory() {
    }

    /**
     * Builds a run's parts; the caller closes them. A cubic-feature network with {@code init: equivalent-to} is
     * drawn like any other here; the run that starts from it overwrites its weights (run.CubicEquivalence).
     */
    public static ExperimentParts build(ExperimentSpec spec) {
        RandomStreams streams = new RandomStreams(spec.seed());
        Task task = task(spec, streams);
        BlockParallel parallel = new BlockParallel(spec.train().threads());
        try {
            Model model = spec.model().build(task.d(), task.outputs(), task.n(), streams, parallel);
            Optimizer optimizer = optimizer(spec.train(), model.parameters().length);
            if (spec.task().mixture() == TaskSection.Mixture.IN_WEIGHT) {
                return mixtureParts(spec, task, streams, parallel, model, optimizer);
            }
            if (spec.train().data() == TrainSection.DataMode.POPULATION) {
                return new ExperimentParts(model, optimizer, null, evalSet(spec.eval(), task, streams, parallel),
                        plan(spec.train()), parallel, List.of(),
                        new PopulationObjective((OneLayerAttention) model, (LinearRegressionTask) task));
            }
            return new ExperimentParts(model, optimizer, batches(spec.train(), task, streams, parallel),
                    evalSet(spec.eval(), task, streams, parallel), plan(spec.train()), parallel);
        } catch (RuntimeException e) {
            parallel.close();
            throw e;
        }
    }

    /**
     * The run's prompt distribution, drawing its normals in the run's arithmetic
     * ({@link org.icldynamics.model.ModelSpec#draws}).
     */
    public static Task task(ExperimentSpec spec, RandomStreams streams) {
        return task(spec.task(), spec.model(), streams);
    }

    /** The task of section {@code t} drawing its normals in {@code model}'s arithmetic. */
    public static Task task(TaskSection t, ModelSpec model, RandomStreams streams) {
        return taskSpec(t).build(streams).drawnIn(model.draws());
    }

    /**
     * The prompt distribution: one task, or {@code tasks} tasks on contiguous coordinate blocks, or the softmax
     * paper's overlapping pair (coordinates of {@link MultiTaskRegressionTask.Spec#overlappingPair()}, the other
     * settings from the config).
     */
    public static TaskSpec taskSpec(TaskSection t) {
        CovarianceSpec cov = covarianceSpec(t);
        if (t.kind() == TaskSection.Kind.SPARSE) {
            return new SparseRegressionTask.Spec(t.d(), t.sparsity(), t.n(), Math.sqrt(t.tau2()), t.noise());
        }
        if (t.tasks() == 1) {
            return new LinearRegressionTask.Spec(t.n(), cov, t.tau2(), t.noise(), t.queryNoise());
        }
        int[][] coords = new int[t.tasks()][];
        double[] sigma2 = new double[t.tasks()];
        for (int k = 0; k < t.tasks(); k++) {
            int lo = (int) ((long) k * t.d() / t.tasks());
            int hi = (int) ((long) (k + 1) * t.d() / t.tasks());
            coords[k] = java.util.stream.IntStream.range(lo, hi).toArray();
            sigma2[k] = t.noise();
        }
        if (t.layout() == TaskSection.Layout.OVERLAPPING_PAIR) {
            coords = MultiTaskRegressionTask.Spec.overlappingPair().coordinates();
        }
        if (!t.supports().isEmpty()) {
            coords = t.supportCoordinates();
        }
        QueryNoise q = t.queryNoise() == 0 ? QueryNoise.NOISELESS : QueryNoise.SAME_AS_CONTEXT;
        return new MultiTaskRegressionTask.Spec(t.n(), cov, coords, t.tau2(), sigma2, q);
    }

    /** The input covariance of {@code t}: Toeplitz, a spectrum, or the identity when no eigenvalues are given. */
    public static CovarianceSpec covarianceSpec(TaskSection t) {
        if (t.covariance() == TaskSection.CovarianceKind.TOEPLITZ) {
            return new CovarianceSpec.Toeplitz(t.d(), t.rho(), t.trace());
        }
        return t.eigenvalues().isEmpty() ? new CovarianceSpec.Isotropic(t.d(), 1, t.trace())
                : new CovarianceSpec.Spectrum(t.eigenvalues().stream().mapToDouble(Double::doubleValue).toArray(),
                        t.basis(), t.trace());
    }

    /**
     * The in-context vs in-weight mixture ({@link InWeightMixture}): its training set of {@code train.batch}
     * ({@code data: fixed}) or {@code train.trainingSet} ({@code data: minibatch}) prompts, and its IW and IC test sets
     * of {@code eval.prompts} prompts each as the extra metrics columns {@code eval_iw}, {@code eval_ic}.
     */
    private static ExperimentParts mixtureParts(ExperimentSpec spec, Task task, RandomStreams streams,
                                                BlockParallel parallel, Model model, Optimizer optimizer) {
        TrainSection t = spec.train();
        int prompts = t.data() == TrainSection.DataMode.MINIBATCH ? t.trainingSet() : t.batch();
        InWeightMixture m = InWeightMixture.draw(task, new InWeightMixture.Spec(spec.task().inContextFraction(),
                prompts, spec.eval().prompts(), t.centring()), streams, parallel);
        BatchSource batches = t.data() == TrainSection.DataMode.MINIBATCH
                ? new MinibatchSource(m.train(), t.batch(), streams) : new FullBatch(m.train());
        return new ExperimentParts(model, optimizer, batches, evalSet(spec.eval(), task, streams, parallel), plan(t),
                parallel, List.of(new ExperimentParts.ExtraEvaluation("eval_iw", m.inWeightTest().batch()),
                        new ExperimentParts.ExtraEvaluation("eval_ic", m.inContextTest().batch())));
    }

    /**
     * The optimizer of {@code t} for {@code size} parameters; null for gradient flow, which is integrated by
     * {@link org.icldynamics.train.GradientFlow} rather than stepped (see run.ExperimentRun).
     */
    public static Optimizer optimizer(TrainSection t, int size) {
        LearningRateSchedule lr = schedule(t);
        return switch (t.optimizer()) {
            case GD -> new GradientDescent(lr);
            case SGD -> new Sgd(size, lr, t.momentum());
            case ADAM -> new Adam(size, lr, t.beta1(), t.beta2(), t.epsilon(), 0);
            case FLOW -> null;
        };
    }

    /**
     * Fresh prompts every step (draw = step of stream "train"), one fixed, preprocessed set every step, or
     * minibatches of {@code batch} prompts from one fixed set of {@code trainingSet} prompts (stream "trainset"),
     * reshuffled every epoch (stream "minibatch").
     */
    public static BatchSource batches(TrainSection t, Task task, RandomStreams streams, BlockParallel parallel) {
        return switch (t.data()) {
            case FIXED -> new FullBatch(TrainingSet.draw(task,
                    new TrainingSet.Spec(t.batch(), t.centring(), t.whitening()), streams, parallel));
            case MINIBATCH -> new MinibatchSource(TrainingSet.draw(task,
                    new TrainingSet.Spec(t.trainingSet(), t.centring(), t.whitening()), streams, parallel),
                    t.batch(), streams);
            case ONLINE -> t.curriculum().active() ? curriculumBatches(t, task, streams, parallel)
                    : new OnlineBatches(new PromptSampler(task, streams, "train"), t.batch(), task.n(), parallel);
            case POPULATION -> throw new IllegalArgumentException("data: population samples no batches (its loss is "
                    + "the exact expectation, PopulationObjective)");
        };
    }

    /** Online batches of stream "train" under {@code train.curriculum} (checked against the task by the spec). */
    private static BatchSource curriculumBatches(TrainSection t, Task task, RandomStreams streams,
                                                 BlockParallel parallel) {
        if (!(task instanceof SparseRegressionTask sparse)) {
            throw new IllegalArgumentException("train.curriculum needs task.kind: sparse");
        }
        return new CurriculumBatches(sparse, streams, "train", t.curriculum().schedule(task.d(), task.n()), t.batch(),
                parallel);
    }

    public static PromptBatch evalSet(EvalSection e, Task task, RandomStreams streams, BlockParallel parallel) {
        return new EvaluationSet(e.prompts()).draw(task, streams, parallel);
    }

    /**
     * The learning-rate schedule of {@code t}: constant, or a linear warm-up over {@code warmupSteps}; with
     * {@code tailSteps > 0} the last tailSteps updates run at {@code lr * tailFactor}.
     */
    public static LearningRateSchedule schedule(TrainSection t) {
        LearningRateSchedule main = t.warmupSteps() == 0 ? new LearningRateSchedule.Constant(t.lr())
                : new LearningRateSchedule.LinearWarmup(t.lr(), t.warmupSteps());
        return t.tailSteps() == 0 ? main
                : new LearningRateSchedule.WithTail(main, t.steps() - t.tailSteps(), t.lr() * t.tailFactor());
    }

    /** Logs, evaluations, checkpoints and {@code snapshots} log-spaced snapshot steps of {@code t}. */
    public static TrainPlan plan(TrainSection t) {
        return new TrainPlan(t.steps(), schedule(t), t.logEvery(), t.evalEvery(), t.checkpointEvery(),
                TrainPlan.logSpaced(t.steps(), t.snapshots()), t.divergence());
    }
}
