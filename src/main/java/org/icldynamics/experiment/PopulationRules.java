package org.icldynamics.experiment;

import org.icldynamics.config.ConfigBinder;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.data.InputCentring;
import org.icldynamics.data.TaskWhitening;
import org.icldynamics.model.ModelSpec;
import org.icldynamics.model.OneLayerAttention;

/**
 * Where {@code train.data: population} applies: the exact population loss is known in closed form for linear
 * attention in its reduced form on one dense Gaussian task ({@link PopulationObjective}); every other setting is a
 * config error naming the setting that conflicts.
 */
final class PopulationRules {
    private PopulationRules() {
    }

    static void check(TaskSection task, ModelSpec model, TrainSection train) {
        require(model instanceof OneLayerAttention.Spec, "model.architecture: attention (got "
                + model.architecture() + "; the closed form is for one attention layer)");
        OneLayerAttention.Spec a = (OneLayerAttention.Spec) model;
        require(a.scores() == OneLayerAttention.Scores.LINEAR, "model.scores: linear (got "
                + ConfigBinder.yamlName(a.scores()) + "; softmax has no closed-form population loss)");
        require(a.trainable() == OneLayerAttention.Trainable.REDUCED, "model.trainable: reduced (got "
                + ConfigBinder.yamlName(a.trainable()) + "; the closed form covers the reduced circuits U_h, v_h)");
        require(task.kind() == TaskSection.Kind.DENSE && task.tasks() == 1, "one dense task (task.kind: dense, "
                + "task.tasks: 1; got " + ConfigBinder.yamlName(task.kind()) + " with " + task.tasks() + " task(s))");
        require(task.mixture() == TaskSection.Mixture.NONE, "task.mixture: none (the in-weight mixture is one "
                + "finite training set)");
        require(train.centring() == InputCentring.NONE && train.whitening() == TaskWhitening.NONE,
                "train.centring: none and train.whitening: none (they act on a finite training set; got "
                        + ConfigBinder.yamlName(train.centring()) + ", " + ConfigBinder.yamlName(train.whitening())
                        + ")");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new InvalidSettingException("train.data", "population", "used with " + what);
        }
    }
}
