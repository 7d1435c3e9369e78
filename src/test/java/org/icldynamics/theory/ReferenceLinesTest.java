package org.icldynamics.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.icldynamics.data.RandomStreams;
import org.junit.jupiter.api.Test;

/** The reference lines carry the closed forms they name. */
class ReferenceLinesTest {
    private static double value(List<ReferenceLines.Line> lines, String name) {
        return lines.stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow().value();
    }

    @Test
    void linesAreThePlateauListsAndTheSoftmaxOptima() {
        List<ReferenceLines.Line> lin = ReferenceLines.linearAttention(new double[] {0.1, 0.2, 0.3, 0.4}, 31);
        assertEquals(5, lin.size());
        assertEquals(0.1360, value(lin, "plateau-4"), 1e-4);
        List<ReferenceLines.Line> sm = ReferenceLines.softmaxRegression(5, 40, 0.1, 4000, new RandomStreams(3));
        assertEquals(0.2429, value(sm, "dgd-optimum"), 1e-4);
        assertEquals(0.3721, value(sm, "single-head-approx"), 1e-4);
        BayesRisk.Estimate b = BayesRisk.monteCarlo(5, 40, 0.2, 0.1, 0.1, 4000, new RandomStreams(3));
        assertEquals(b.mean(), value(sm, "bayes"), 0);
        assertEquals(0.1134, b.mean(), 4 * b.standardError() + 0.002); // the spec's 40k-sample estimate
    }
}
