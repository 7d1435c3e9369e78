package org.icldynamics.experiment;

/** The held-out evaluation set (drawn once from stream "eval"). */
public record EvalSection(@Doc(value = "prompts in the evaluation set", allowed = ">= 1") int prompts) {
    public EvalSection {
        Require.atLeast("prompts", prompts, 1);
    }
}
