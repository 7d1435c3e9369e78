package org.icldynamics.experiment.figure;

/**
 * What a figure preset is, apart from its runs and drawing: its name, paper, one-sentence description and the wall
 * minutes measured on 2 cores for each variant.
 */
public record PresetInfo(String id, Paper paper, String shows, double fullMinutes, double quickMinutes) {
    public double expectedMinutes(Variant variant) {
        return variant == Variant.QUICK ? quickMinutes : fullMinutes;
    }
}
