package org.icldynamics.experiment;

/**
 * One experiment, as read from its YAML file merged onto {@code defaults.yaml}. Keys are the component names of
 * this record and its sections; every section validates itself in its compact constructor.
 */
public record ExperimentSpec(
        @Doc("seed of every named random stream (init, train batches, eval set)") long seed,
        @Doc("the prompt distribution") TaskSection task,
        @Doc("the architecture and its initialisation") ModelSection model,
        @Doc("optimizer and schedule") TrainSection train,
        @Doc("the held-out evaluation set") EvalSection eval,
        @Doc("figures") ReportSection report) {
    public ExperimentSpec {
        Require.notNull("task", task);
        Require.notNull("model", model);
        Require.notNull("train", train);
        Require.notNull("eval", eval);
        Require.notNull("report", report);
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
        int width = task.d() + task.tasks();
        if (model.keyQuery() == org.icldynamics.model.OneLayerAttention.KeyQuery.SEPARATE
                && model.rank(width) > width) {
            throw new InvalidSettingException("model.rank", model.rank(width), "at most the token width D = d + tasks = "
                    + width);
        }
    }
}
