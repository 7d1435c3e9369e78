package org.icldynamics.experiment;

import java.util.SplittableRandom;
import org.icldynamics.data.Covariance;
import org.icldynamics.data.LinearRegressionTask;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.PromptSampler;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.CubicFeatureNetwork;
import org.icldynamics.model.Model;
import org.icldynamics.model.ModelSpec;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.train.BatchSource;
import org.icldynamics.train.Optimizer;
import org.icldynamics.train.TrainPlan;

/**
 * The one place where config records become objects: task, model, optimizer, batches, evaluation set and plan.
 * Named random streams: {@code covariance} (random eigenbasis), {@code init} (the model's), {@code train} (online
 * batches, one draw per step), {@code train-set} (the fixed training set), {@code eval} (the held-out set).
 */
public final class ExperimentFactory {
    private ExperimentFactory() {
    }

    /** Builds a run's parts; the caller closes them. */
    public static ExperimentParts build(ExperimentSpec spec) {
        RandomStreams streams = new RandomStreams(spec.seed());
        Task task = task(spec.task(), streams);
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

    /** The prompt distribution of {@code t}. */
    public static Task task(TaskSection t, RandomStreams streams) {
        if (t.tasks() != 1) {
            throw new UnsupportedOperationException("task.tasks = " + t.tasks()
                    + " needs the multi-task generator, which this build does not have yet; use task.tasks = 1");
        }
        return new LinearRegressionTask(t.n(), covariance(t, streams), t.tau2(), t.noise(), t.queryNoise());
    }

    static Covariance covariance(TaskSection t, RandomStreams streams) {
        double[] ev = new double[t.d()];
        for (int i = 0; i < ev.length; i++) {
            ev[i] = t.eigenvalues().isEmpty() ? 1.0 : t.eigenvalues().get(i);
        }
        double[] basis = new double[t.d() * t.d()];
        if (t.basis() == TaskSection.Basis.RANDOM) {
            SplittableRandom rng = streams.stream("covariance");
            basis = Covariance.randomOrthogonal(t.d(), rng);
        } else {
            for (int i = 0; i < t.d(); i++) {
                basis[i * t.d() + i] = 1;
            }
        }
        Covariance c = Covariance.fromEigen(ev, basis);
        return t.trace() == TaskSection.Trace.UNIT ? c.withUnitTrace() : c;
    }

    /** The model spec of {@code m}; temperature 0 means 1/sqrt(D). */
    public static ModelSpec modelSpec(ModelSection m) {
        return switch (m.architecture()) {
            case ATTENTION -> new OneLayerAttention.Spec(m.heads(), m.scores(), m.normalisation(),
                    m.temperature() == 0 ? Double.NaN : m.temperature(), m.keyQuery(), m.rank(), m.valueOutput(),
                    m.queryAttention(), m.init(), m.initScale(), m.precision());
            case CUBIC_FEATURE -> new CubicFeatureNetwork.Spec(m.heads(), m.initScale());
        };
    }

    /** The optimizer of {@code t} for {@code size} parameters. */
    public static Optimizer optimizer(TrainSection t, int size) {
        throw new UnsupportedOperationException("train.optimizer = " + ConfigBinder.yamlName(t.optimizer())
                + " is not in this build yet (the optimizers arrive with the training-engine branch)");
    }

    /** Fresh prompts every step (draw = step of stream "train"), or one fixed set reused every step. */
    public static BatchSource batches(TrainSection t, Task task, RandomStreams streams, BlockParallel parallel) {
        if (t.data() == TrainSection.DataMode.FIXED) {
            PromptBatch fixed = new PromptSampler(task, streams, "train-set").sample(0, t.batch(), task.n(), parallel);
            return step -> fixed;
        }
        PromptSampler sampler = new PromptSampler(task, streams, "train");
        return step -> sampler.sample(step, t.batch(), task.n(), parallel);
    }

    public static PromptBatch evalSet(EvalSection e, Task task, RandomStreams streams, BlockParallel parallel) {
        return new PromptSampler(task, streams, "eval").sample(0, e.prompts(), task.n(), parallel);
    }

    /** Logs, evaluations, checkpoints and {@code snapshots} log-spaced snapshot steps of {@code t}. */
    public static TrainPlan plan(TrainSection t) {
        return new TrainPlan(t.steps(), t.lr(), t.logEvery(), t.evalEvery(), t.checkpointEvery(),
                TrainPlan.logSpaced(t.steps(), t.snapshots()));
    }
}
