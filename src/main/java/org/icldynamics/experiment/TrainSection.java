package org.icldynamics.experiment;

import org.icldynamics.data.InputCentring;
import org.icldynamics.data.TaskWhitening;
import org.icldynamics.config.Doc;
import org.icldynamics.config.InvalidSettingException;
import org.icldynamics.config.Require;
import org.icldynamics.config.SelectedBy;

/** Optimizer and schedule. */
@SelectedBy("optimizer")
public record TrainSection(
        @Doc("gd (full-batch gradient descent), sgd, adam, or flow (gradient flow on the full-batch loss, adaptive "
                + "Dormand-Prince; needs data: fixed or population; settings under train.flow; no resume)") OptimizerKind optimizer,
        @Doc(value = "learning rate eta", allowed = "> 0", only = {"gd", "sgd", "adam"}) double lr,
        @Doc(value = "number of optimizer steps (flow: unused, see train.flow)", allowed = ">= 1", only = {"gd", "sgd", "adam"}) long steps,
        @Doc(value = "prompts per step (data: fixed = the training-set size P; minibatch = the minibatch size)",
                allowed = ">= 1") int batch,
        @Doc("online (fresh prompts every step), fixed (one training set reused every step), minibatch (SGD over "
                + "one finite set of trainingSet prompts, reshuffled every epoch, stream 'minibatch') or population "
                + "(the exact expected loss, no prompts sampled; linear attention with trainable: reduced on one dense "
                + "task, no centring or whitening; batch unused)") DataMode data,
        @Doc(value = "data: minibatch: the finite training set's size P; unused otherwise",
                allowed = ">= batch for minibatch") int trainingSet,
        @Doc("fixed data: none, or centre the inputs over the set (linear paper's code)") InputCentring centring,
        @Doc("fixed data: none, or whiten the task vectors over the set (linear paper's code)") TaskWhitening whitening,
        @Doc(value = "threads of the kernels (results are identical for any count)", allowed = "1..1024") int threads,
        @Doc(value = "SGD heavy-ball momentum", allowed = "[0, 1)", only = "sgd") double momentum,
        @Doc(value = "linear learning-rate warmup over this many steps; 0 = constant", allowed = ">= 0", only = {"gd", "sgd", "adam"})
        long warmupSteps,
        @Doc(value = "final low-learning-rate phase: the last tailSteps of the steps run at lr * tailFactor (damps "
                + "Adam's noise floor before the last snapshot); 0 = none", allowed = "0..steps - 1",
                only = {"gd", "sgd", "adam"}) long tailSteps,
        @Doc(value = "tailSteps > 0: the tail's learning rate as a fraction of lr", allowed = "(0, 1]",
                only = {"gd", "sgd", "adam"}) double tailFactor,
        @Doc(value = "Adam beta1", allowed = "[0, 1)", only = "adam") double beta1,
        @Doc(value = "Adam beta2", allowed = "[0, 1)", only = "adam") double beta2,
        @Doc(value = "Adam epsilon", allowed = "> 0", only = "adam") double epsilon,
        @Doc(value = "write a metrics row every this many steps", allowed = ">= 1", only = {"gd", "sgd", "adam"}) int logEvery,
        @Doc(value = "evaluate on the held-out set every this many steps", allowed = ">= 1", only = {"gd", "sgd", "adam"}) int evalEvery,
        @Doc(value = "checkpoint every this many steps (and on Ctrl-C); 0 = only on Ctrl-C", allowed = ">= 0", only = {"gd", "sgd", "adam"})
        int checkpointEvery,
        @Doc(value = "number of log-spaced parameter snapshots (flow: one per output time instead)",
                allowed = "2..100000", only = {"gd", "sgd", "adam"}) int snapshots,
        @Doc(value = "gradient-flow settings (optimizer: flow)", only = "flow") FlowSection flow,
        @Doc(value = "Garg et al.'s curriculum over the active input dimension and the context length (data: "
                + "online, task.kind: sparse); the default starts 0 switch it off", only = {"gd", "sgd", "adam"})
        CurriculumSection curriculum,
        @Doc(value = "the run stops as diverged (status diverged, exit 1) when a training loss exceeds this factor "
                + "times the initial loss (the larger of the step-0 train and eval losses), or any value is not finite",
                allowed = "> 1") double divergence) {

    /** The optimizer family. */
    public enum OptimizerKind { GD, SGD, ADAM, FLOW }

    /** Where the batches come from (population: none, the exact expected loss). */
    public enum DataMode { ONLINE, FIXED, MINIBATCH, POPULATION }

    public TrainSection {
        Require.notNull("optimizer", optimizer);
        Require.positive("lr", lr);
        Require.atLeast("steps", steps, 1);
        Require.atLeast("batch", batch, 1);
        Require.notNull("data", data);
        Require.notNull("centring", centring);
        Require.notNull("whitening", whitening);
        Require.inOpenUnit("momentum", momentum);
        Require.atLeast("warmupSteps", warmupSteps, 0);
        Require.between("tailSteps", tailSteps, 0, steps - 1);
        if (!(tailFactor > 0 && tailFactor <= 1)) {
            throw new InvalidSettingException("tailFactor", tailFactor, "a number in (0, 1]");
        }
        Require.between("threads", threads, 1, 1024);
        Require.inOpenUnit("beta1", beta1);
        Require.inOpenUnit("beta2", beta2);
        Require.positive("epsilon", epsilon);
        Require.atLeast("logEvery", logEvery, 1);
        Require.atLeast("evalEvery", evalEvery, 1);
        Require.atLeast("checkpointEvery", checkpointEvery, 0);
        Require.between("snapshots", snapshots, 2, 100_000);
        Require.notNull("flow", flow);
        Require.notNull("curriculum", curriculum);
        if (curriculum.active() && data != DataMode.ONLINE) {
            throw new InvalidSettingException("data", data.name().toLowerCase(java.util.Locale.ROOT), "online with "
                    + "train.curriculum (the stages change the prompts a step draws; a fixed set has none)");
        }
        if (!(divergence > 1)) {
            throw new InvalidSettingException("divergence", divergence, "a number > 1 (or .inf: only non-finite "
                    + "values count as divergence)");
        }
        if (optimizer == OptimizerKind.FLOW && data != DataMode.FIXED && data != DataMode.POPULATION) {
            throw new InvalidSettingException("data", data.name().toLowerCase(java.util.Locale.ROOT),
                    "fixed for optimizer: flow (gradient flow integrates the full-batch loss of one fixed set), or "
                    + "population (the exact population loss)");
        }
        if (data == DataMode.MINIBATCH && trainingSet < batch) {
            throw new InvalidSettingException("trainingSet", trainingSet, "at least batch = " + batch
                    + " for data: minibatch (the finite set the minibatches are drawn from)");
        }
    }
}
