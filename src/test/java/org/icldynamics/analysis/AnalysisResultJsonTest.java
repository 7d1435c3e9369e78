package org.icldynamics.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.icldynamics.model.HeadCircuit;
import org.junit.jupiter.api.Test;

class AnalysisResultJsonTest {
    private static AnalysisResult sample() {
        double[] t = CurveFixtures.linspace(1, 1000, 400);
        double[] loss = CurveFixtures.staircase(t, new double[] {1.0, 0.2}, new double[] {500}, 10);
        PlateauResult plateaus = new PlateauDetector(PlateauSettings.linearTime()).detect(t, loss,
                new double[] {1.0, 0.2});
        PhaseResult phases = new PhaseBoundaries(PhaseSettings.defaults()).detect(t, loss, null, 480, 520);
        List<HeadCircuit> heads = List.of(
                CircuitFixtures.head(0, CircuitFixtures.constant(5, 0.13), 0.001, 0, 0.05, 1,
                        CircuitFixtures.ov(5, 3.45)),
                CircuitFixtures.head(1, CircuitFixtures.constant(5, -0.13), 0.001, 0, 0.05, 1,
                        CircuitFixtures.ov(5, -3.45)));
        PatternResult pattern = new PatternMetrics(PatternSettings.defaults()).measure(1000, heads);
        AllocationResult alloc = new HeadTaskAllocation(TaskCoordinates.of(new int[] {0, 1, 2, 3, 4}),
                AllocationSettings.defaults()).allocate(1000, heads);
        IdentificationResult id = new IdentificationResult("model", 10,
                List.of(new IdentificationResult.FamilyFit("debiased-gd", 0.88, 1e-6, 1e-3, false)), "debiased-gd");
        AblationResult abl = new AblationResult(10, 0.24, List.of(new AblationResult.Row("zero head 0", 1.1, 0.86)));
        AlignmentResult al = new AlignmentResult(5, List.of(new AlignmentResult.PairAlignment(0, 0, 0.4, 0.4, 0.41,
                0, 0.99, 0.98, true, true)), List.of(0));
        return new AnalysisResult("softmax-h2", plateaus, phases, List.of(pattern), List.of(alloc), List.of(al),
                List.of(new AnalysisResult.HeadValueComparison(0, new ValueComparison(3, 0.01, 0.02, 0.005))),
                List.of(new AnalysisResult.StepIdentification(1000, id, new PreconditionerFitResult(2,
                        PreconditionerFit.Centring.DEBIASED, new double[] {0.88, 0, 0, 0.88}, 1e-3, 100))), List.of(abl),
                new TimingResult("flow", List.of(new DropTiming(1, 1.0, 0.64, 1270, 1250, 1200, 1270.0 / 1250)),
                        new double[] {0, 10}, new double[] {1.0, 0.99}));
    }

    @Test
    void resultTreeSurvivesAJsonRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AnalysisResult r = sample();
        String text = json.writeValueAsString(r);
        assertTrue(text.contains("\"diagRatio\""), text);
        assertTrue(text.contains("\"lambdaW\":[["), text);
        AnalysisResult back = json.readValue(text, AnalysisResult.class);
        assertEquals(text, json.writeValueAsString(back));
        assertEquals(r.plateaus(), back.plateaus());
        assertEquals(r.patterns().get(0).heads(), back.patterns().get(0).heads());
    }
}
