package org.icldynamics.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvaluationSetTest {

    /** SE/loss = sqrt(2/m) for squared Gaussian residuals: 0.5% needs m = 2 / 0.005^2 = 80,000. */
    @Test
    void defaultSizeKeepsTheRelativeStandardErrorUnderHalfAPercent() {
        EvaluationSet e = EvaluationSet.defaults();
        assertEquals(80_000, e.prompts());
        assertTrue(e.relativeError() <= 0.005 + 1e-15);
        assertEquals(20_000, EvaluationSet.forRelativeError(0.01).prompts());
        EvaluationSet odd = EvaluationSet.forRelativeError(0.03);
        assertTrue(odd.relativeError() <= 0.03);
        assertTrue(Math.sqrt(2.0 / (odd.prompts() - 1)) > 0.03);
    }
}
