package org.icldynamics.experiment;

import org.icldynamics.config.Doc;
import org.icldynamics.config.Require;

/** The held-out evaluation set (drawn once from stream "eval"). */
public record EvalSection(@Doc(value = "prompts in the evaluation set; the default 80000 puts the standard error of the loss under 0.5% of it (sqrt(2/m), EvaluationSet)", allowed = ">= 1") int prompts) {
    public EvalSection {
        Require.atLeast("prompts", prompts, 1);
    }
}
