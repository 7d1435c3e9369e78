package org.icldynamics.analysis;

import java.util.function.DoubleFunction;
import org.icldynamics.data.Predictor;

/**
 * A named one-parameter family of predictors, e.g. debiased GD with step eta or PCR with m components.
 *
 * @param name for tables, e.g. {@code "debiased-gd"}
 * @param member the predictor at a parameter value
 * @param grid where the parameter is searched
 */
public record CandidateFamily(String name, DoubleFunction<Predictor> member, ParameterGrid grid) {
    public CandidateFamily {
        if (name == null || name.isBlank() || member == null || grid == null) {
            throw new IllegalArgumentException("a candidate family needs a name, a member function and a grid");
        }
    }
}
