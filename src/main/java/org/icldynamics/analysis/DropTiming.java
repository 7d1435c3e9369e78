package org.icldynamics.analysis;

/**
 * One drop of a loss staircase: measured and predicted half-way times (the first step the loss reaches
 * {@code (levelBefore + levelAfter) / 2}).
 *
 * @param drop 1-based index
 * @param levelBefore theory level of the plateau before
 * @param levelAfter theory level of the plateau after
 * @param measured half-way step of the run's training loss (NaN when it never gets there)
 * @param predicted half-way step of the exact population gradient flow from the run's step-0 weights (NaN when the
 *     flow does not get there within the run)
 * @param formula the closed-form escape step (linear-attention A.4 item 5 merged, item 9 rank one; NaN where none
 *     applies)
 * @param ratio {@code measured / predicted}
 */
public record DropTiming(int drop, double levelBefore, double levelAfter, double measured, double predicted,
                         double formula, double ratio) {
}
