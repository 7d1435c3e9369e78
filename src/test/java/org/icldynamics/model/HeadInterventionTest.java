package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one intervention vocabulary behaves the same on every architecture: zero is scale(0) and mean-replace by
 * zeros bit for bit, scale(1) is no intervention bit for bit, mean-replacing heads by their own mean outputs on copies
 * of one prompt changes no prediction, the weights are never edited, and a head the model lacks is an error naming it.
 */
class HeadInterventionTest {
    private static final int D = 3;
    private static final int N = 5;

    static Stream<Named<Supplier<Model>>> models() {
        return Stream.of(
                Named.of("one-layer softmax attention", () -> AttentionSpecBuilder.defaults().heads(3)
                        .init(Init.GAUSSIAN, 0.7).build()
                        .build(D, 1, N, new RandomStreams(5), BlockParallel.serial())),
                Named.of("transformer", () -> Transformer.Spec.gpt(2, 3, 6)
                        .build(D, 1, N, new RandomStreams(5), BlockParallel.serial())),
                Named.of("reference transformer", () -> Transformer.Spec.gpt(2, 3, 6)
                        .build(D, 1, N, new RandomStreams(5), BlockParallel.serial(), Transformer.Kernel.REFERENCE)),
                Named.of("cubic-feature network", () -> new CubicFeatureNetwork.Spec(3, 0.7)
                        .build(D, 1, N, new RandomStreams(5), BlockParallel.serial())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void zeroIsScaleByZeroAndMeanReplaceByZerosExactly(Supplier<Model> make) {
        Model model = make.get();
        PromptBatch batch = TestPrompts.random(20, N, D, 1, 6);
        int last = model.layers() - 1;
        double[] zero = model.intervened(List.of(new HeadIntervention.Zero(last, 1))).predict(batch);
        double[] scaled = model.intervened(List.of(new HeadIntervention.Scale(last, 1, 0.0))).predict(batch);
        int entries = model.headOutputMeans(batch)[last][1].length;
        double[] meanOfZeros = model.intervened(List.of(new HeadIntervention.MeanReplace(last, 1,
                new double[entries]))).predict(batch);
        assertArrayEquals(zero, scaled, 0.0);
        assertArrayEquals(zero, meanOfZeros, 0.0);
        double[] full = model.predict(batch);
        double diff = 0;
        for (int i = 0; i < full.length; i++) {
            diff = Math.max(diff, Math.abs(full[i] - zero[i]));
        }
        assertTrue(diff > 1e-6, "zeroing a head should change the prediction, changed by " + diff);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void scaleByOneIsNoInterventionAndTheWeightsAreNeverEdited(Supplier<Model> make) {
        Model model = make.get();
        double[] before = model.parameters().clone();
        PromptBatch batch = TestPrompts.random(20, N, D, 1, 7);
        double[] none = model.intervened(List.of()).predict(batch);
        double[] one = model.intervened(List.of(new HeadIntervention.Scale(0, 2, 1.0))).predict(batch);
        assertArrayEquals(none, one, 0.0);
        model.intervened(List.of(new HeadIntervention.Zero(0, 0), new HeadIntervention.Scale(0, 2, 3.0)))
                .predict(batch);
        assertArrayEquals(before, model.parameters(), 0.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void meanReplacingHeadsByTheirOwnMeansOnCopiesOfOnePromptChangesNoPrediction(Supplier<Model> make) {
        Model model = make.get();
        PromptBatch copies = TestPrompts.copiesOfFirst(TestPrompts.random(4, N, D, 1, 8), 9);
        double[][][] means = model.headOutputMeans(copies);
        List<HeadIntervention> edits = List.of(HeadIntervention.removed(0, 0, means),
                HeadIntervention.removed(model.layers() - 1, 2, means));
        double[] full = model.predict(copies);
        assertArrayEquals(full, model.intervened(edits).predict(copies), 1e-12 * (1 + Math.abs(full[0])));
        double[] zeroed = model.intervened(List.of(new HeadIntervention.Zero(0, 0),
                new HeadIntervention.Zero(model.layers() - 1, 2))).predict(copies);
        assertTrue(Math.abs(zeroed[0] - full[0]) > 1e-6, "zero-ablation should change the prediction");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void aHeadOrLayerTheModelLacksIsAnErrorNamingIt(Supplier<Model> make) {
        Model model = make.get();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.intervened(List.of(new HeadIntervention.Zero(0, 3))));
        assertTrue(e.getMessage().contains("zero head 3") && e.getMessage().contains("heads 0..2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> model.intervened(List.of(new HeadIntervention.Scale(model.layers(), 0, 2.0))));
        assertTrue(e.getMessage().contains("layer " + model.layers()), e.getMessage());
    }
}
