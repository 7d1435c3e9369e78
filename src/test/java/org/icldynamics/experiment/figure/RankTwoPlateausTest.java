package org.icldynamics.experiment.figure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.icldynamics.report.Check;
import org.junit.jupiter.api.Test;

/** The full Fig. 4 check of R = 2's plateaus on curves built from the theory's levels. */
class RankTwoPlateausTest {
    /** A curve resting 200 logged points on each of the given plateaus m, with 10-point drops between them. */
    private static double[] curve(int... ms) {
        List<Double> loss = new ArrayList<>();
        for (int k = 0; k < ms.length; k++) {
            double level = LinearAttentionFigures.PLATEAUS_D8[ms[k]];
            for (int i = 0; i < 200; i++) {
                loss.add(level);
            }
            if (k + 1 < ms.length) {
                double next = LinearAttentionFigures.PLATEAUS_D8[ms[k + 1]];
                for (int i = 1; i <= 10; i++) {
                    loss.add(level + (next - level) * i / 10.0);
                }
            }
        }
        return loss.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<Check.Verdict> verdicts(double[] loss) {
        return LinearAttentionFigures.rankTwoPlateaus(loss).stream().map(Check::verdict).toList();
    }

    @Test
    void evenPlateausPassAndOddOrNoPlateauBeyondTheStartFail() {
        assertEquals(List.of(Check.Verdict.PASS, Check.Verdict.PASS), verdicts(curve(0, 2, 4, 6)));
        assertEquals(List.of(Check.Verdict.PASS, Check.Verdict.PASS), verdicts(curve(0, 4, 6)), "M_2 passed through");
        assertEquals(List.of(Check.Verdict.FAIL, Check.Verdict.PASS), verdicts(curve(0, 1, 2, 3, 4)), "rank one");
        assertEquals(List.of(Check.Verdict.PASS, Check.Verdict.FAIL), verdicts(curve(0)), "never left the start");
    }
}
