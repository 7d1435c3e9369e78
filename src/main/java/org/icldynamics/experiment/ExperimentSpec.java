package org.icldynamics.experiment;

import org.icldynamics.config.Doc;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.config.Require;
import org.icldynamics.model.CubicFeatureNetwork;
import org.icldynamics.model.ModelSpec;
import org.icldynamics.model.OneLayerAttention;

/**
 * One experiment, as read from its YAML file merged onto {@code defaults.yaml}. Keys are the component names of
 * this record and its sections; every section validates itself in its compact constructor.
 */
public record ExperimentSpec(
        @Doc("seed of every named random stream (init, train batches, eval set)") long seed,
        @Doc("the prompt distribution") TaskSection task,
        @Doc("the architecture and its initialisation") ModelSpec model,
        @Doc("optimizer and schedule") TrainSection train,
        @Doc("the held-out evaluation set") EvalSection eval,
        @Doc("figures") ReportSection report) {
    public ExperimentSpec {
        Require.notNull("task", task);
        Require.notNull("model", model);
        Require.notNull("train", train);
        Require.notNull("eval", eval);
        Require.notNull("report", report);
        train.curriculum().checkAgainst(task);
        if (task.mixture() == TaskSection.Mixture.IN_WEIGHT) {
            if (train.data() == TrainSection.DataMode.ONLINE) {
                throw new InvalidSettingException("train.data", "online", "fixed or minibatch for task.mixture: "
                        + "in-weight (the mixture is one finite training set)");
            }
            if (train.whitening() != org.icldynamics.data.TaskWhitening.NONE) {
                throw new InvalidSettingException("train.whitening", train.whitening(), "none for task.mixture: "
                        + "in-weight (the mixture whitens its tasks itself when c = 1)");
            }
        }
        if (model instanceof CubicFeatureNetwork.Spec && task.tasks() != 1) {
            throw new InvalidSettingException("task.tasks", task.tasks(), "1 for model.architecture: cubic-feature "
                    + "(the network has one output)");
        }
        int prompts = train.data() == TrainSection.DataMode.MINIBATCH ? train.trainingSet() : train.batch();
        if (task.mixture() == TaskSection.Mixture.IN_WEIGHT) {
            if (eval.prompts() <= task.d()) {
                throw new InvalidSettingException("eval.prompts", eval.prompts(), "more than d = " + task.d()
                        + " for task.mixture: in-weight (its in-context test set is whitened)");
            }
            boolean whitened = new org.icldynamics.data.InWeightMixture.Spec(task.inContextFraction(), prompts,
                    eval.prompts(), train.centring()).inContextPrompts() == prompts;
            if (whitened && prompts <= task.d()) {
                throw new InvalidSettingException(train.data() == TrainSection.DataMode.MINIBATCH
                        ? "train.trainingSet" : "train.batch", prompts, "more than d = " + task.d() + " for "
                        + "task.mixture: in-weight when every training prompt has its own task (they are whitened)");
            }
        }
        if (train.whitening() != org.icldynamics.data.TaskWhitening.NONE && train.data() != TrainSection.DataMode.ONLINE
                && prompts <= task.coordinatesPerTask()) {
            throw new InvalidSettingException(train.data() == TrainSection.DataMode.MINIBATCH ? "train.trainingSet"
                    : "train.batch", prompts, "more than the " + task.coordinatesPerTask() + " coordinates of a task "
                    + "for train.whitening: whiten (the set's task vectors get an identity sample covariance)");
        }
        if (train.data() == TrainSection.DataMode.POPULATION) {
            PopulationRules.check(task, model, train);
        }
        if (model instanceof OneLayerAttention.Spec a) { // the spec's own check of its rank, once the width is known
            try {
                a.rank(task.d() + task.tasks());
            } catch (InvalidSettingException e) {
                throw new InvalidSettingException("model." + e.key(), "", e.allowed());
            }
        }
    }
}
