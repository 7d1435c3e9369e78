package org.icldynamics.experiment;

import org.icldynamics.data.CovarianceSpec;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.MultiTaskRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.QueryNoise;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.data.TaskSpec;
import org.icldynamics.data.TrainingSet;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.CubicFeatureNetwork;
import org.icldynamics.model.Model;
import org.icldynamics.model.ModelSpec;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.train.Adam;
import org.icldynamics.train.BatchSource;
import org.icldynamics.train.EvaluationSet;
import org.icldynamics.train.FullBatch;
import org.icldynamics.train.GradientDescent;
import org.icldynamics.train.LearningRateSchedule;
import org.icldynamics.train.OnlineBatches;
import org.icldynamics.train.Optimizer;
import org.icldynamics.train.Sgd;
import org.icldynamics.train.TrainPlan;

/**
 * The one place where config records become objects: task, model, optimizer, batches, evaluation set and plan.
 * Named random streams: {@code covariance} (random eigenbasis), {@code init} (the model's), {@code train} (online
 * batches, one draw per step), {@code trainset} (the fixed training set), {@code eval} (the held-out set).
 */
public final class ExperimentFactory {
    private ExperimentFactory() {
    }

    /** Builds a run's parts; the caller closes them. */
    public static ExperimentParts build(ExperimentSpec spec) {
        RandomStreams streams = new RandomStreams(spec.seed());
        Task task = taskSpec(spec.task()).build(streams);
        BlockParallel parallel = new BlockParallel(spec.train().threads());
        try {
            Model model = modelSpec(spec.model()).build(task.d(), task.outputs(), task.n(), streams, parallel);
            Optimizer optimizer = optimizer(spec.train(), model.parameters().length);
            return new ExperimentParts(model, optimizer, batches(spec.train(), task, streams, parallel),
                    evalSet(spec.eval(), task, streams, parallel), plan(spec.train()), parallel);
        } catch (RuntimeException e) {
            parallel.close();
            throw e;
        }
    }

    /** The prompt distribution: one task, or {@code tasks} tasks on contiguous coordinate blocks. */
    public static TaskSpec taskSpec(TaskSection t) {
        CovarianceSpec cov = t.eigenvalues().isEmpty() ? new CovarianceSpec.Isotropic(t.d(), 1, t.trace())
                : new CovarianceSpec.Spectrum(t.eigenvalues().stream().mapToDouble(Double::doubleValue).toArray(),
                        t.basis(), t.trace());
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
        QueryNoise q = t.queryNoise() == 0 ? QueryNoise.NOISELESS : QueryNoise.SAME_AS_CONTEXT;
        return new MultiTaskRegressionTask.Spec(t.n(), cov, coords, t.tau2(), sigma2, q);
    }

    /** The model spec of {@code m}; temperature 0 means 1/sqrt(D). */
    public static ModelSpec modelSpec(ModelSection m) {
        return switch (m.architecture()) {
            case ATTENTION -> new OneLayerAttention.Spec(m.heads(), m.scores(), m.normalisation(),
                    m.temperature() == 0 ? Double.NaN : m.temperature(), m.keyQuery(), m.rank(), m.valueOutput(),
                    m.queryAttention(), m.init(), m.initScale(), m.precision(), m.loss(), m.trainable());
            case CUBIC_FEATURE -> new CubicFeatureNetwork.Spec(m.heads(), m.initScale(), m.normalisation(),
                    m.loss());
        };
    }

    /** The optimizer of {@code t} for {@code size} parameters. */
    public static Optimizer optimizer(TrainSection t, int size) {
        LearningRateSchedule lr = t.warmupSteps() == 0 ? new LearningRateSchedule.Constant(t.lr())
                : new LearningRateSchedule.LinearWarmup(t.lr(), t.warmupSteps());
        return switch (t.optimizer()) {
            case GD -> new GradientDescent(lr);
            case SGD -> new Sgd(size, lr, t.momentum());
            case ADAM -> new Adam(size, lr, t.beta1(), t.beta2(), t.epsilon(), 0);
        };
    }

    /** Fresh prompts every step (draw = step of stream "train"), or one fixed, preprocessed set every step. */
    public static BatchSource batches(TrainSection t, Task task, RandomStreams streams, BlockParallel parallel) {
        if (t.data() == TrainSection.DataMode.FIXED) {
            return new FullBatch(TrainingSet.draw(task, new TrainingSet.Spec(t.batch(), t.centring(), t.whitening()),
                    streams, parallel));
        }
        return new OnlineBatches(new PromptSampler(task, streams, "train"), t.batch(), task.n(), parallel);
    }

    public static PromptBatch evalSet(EvalSection e, Task task, RandomStreams streams, BlockParallel parallel) {
        return new EvaluationSet(e.prompts()).draw(task, streams, parallel);
    }

    /** Logs, evaluations, checkpoints and {@code snapshots} log-spaced snapshot steps of {@code t}. */
    public static TrainPlan plan(TrainSection t) {
        return new TrainPlan(t.steps(), t.lr(), t.logEvery(), t.evalEvery(), t.checkpointEvery(),
                TrainPlan.logSpaced(t.steps(), t.snapshots()));
    }
}
