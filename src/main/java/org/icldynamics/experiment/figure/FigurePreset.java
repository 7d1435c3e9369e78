package org.icldynamics.experiment.figure;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A paper figure as data: its name, paper, what it shows, the runs it needs (full and quick), the expected minutes
 * on 2 cores, how to draw its panels from the finished runs and which claims it checks. The registry is this sealed
 * interface: one enum per preset family, each constant one preset.
 */
public sealed interface FigurePreset permits LinearAttentionFigures, LinearAttentionWeightFigures, SoftmaxFigures,
        SoftmaxPatternFigures, SoftmaxTheoryFigures, SparseFigures,
        SparseProbeFigures, InContextInWeightFigures,
        SkewedCovariateFigures, MultiTaskSuperpositionFigures, MultiTaskFigures {
    /** Name, paper, description and measured minutes. */
    PresetInfo info();

    /** Kebab-case, unique across all presets (the {@code icl figure NAME} argument). */
    default String id() {
        return info().id();
    }

    default Paper paper() {
        return info().paper();
    }

    /** What the figure shows, one sentence. */
    default String shows() {
        return info().shows();
    }

    /** The runs the figure needs (empty for figures computed from estimators and theory alone). */
    List<RunRequest> runs(Variant variant);

    /** Wall minutes on 2 cores, measured. */
    default double expectedMinutes(Variant variant) {
        return info().expectedMinutes(variant);
    }

    /** Draws the figure from its finished runs and checks the paper's claims. */
    FigureResult draw(FigureRuns runs, Variant variant) throws IOException;

    /** Every preset, in report order. */
    static List<FigurePreset> all() {
        List<FigurePreset> all = new ArrayList<>();
        all.addAll(List.of(LinearAttentionFigures.values()));
        all.addAll(List.of(LinearAttentionWeightFigures.values()));
        all.addAll(List.of(SoftmaxFigures.values()));
        all.addAll(List.of(SoftmaxPatternFigures.values()));
        all.addAll(List.of(SoftmaxTheoryFigures.values()));
        all.addAll(List.of(SkewedCovariateFigures.values()));
        all.addAll(List.of(MultiTaskSuperpositionFigures.values()));
        all.addAll(List.of(SparseFigures.values()));
        all.addAll(List.of(SparseProbeFigures.values()));
        all.addAll(List.of(InContextInWeightFigures.values()));
        all.addAll(List.of(MultiTaskFigures.values()));
        return all;
    }

    /** The preset called {@code id}; the message lists the names when there is none. */
    static FigurePreset named(String id) {
        for (FigurePreset p : all()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no figure preset '" + id + "'; known: "
                + String.join(", ", all().stream().map(FigurePreset::id).toList()) + " (icl figure --list)");
    }
}
