package org.icldynamics.analysis;

import java.util.List;

/**
 * Everything {@code icl analyze} states about one run, as plain records of numbers, strings and lists so that it
 * serialises to {@code analysis.json} as is. Parts that do not apply to a run are null (single objects) or empty
 * (lists).
 *
 * @param run the run's name
 * @param plateaus plateaus and drops of the training loss curve (null without a loss curve)
 * @param phases warm-up / emergence / convergence boundaries (null without a loss curve)
 * @param patterns softmax pattern metrics at every snapshot
 * @param allocations multi-task head allocation at every snapshot
 * @param alignments key/query alignment at every snapshot of a separate-key-query run
 * @param valueComparisons per head, its value weight against the scalar ODE
 * @param identifications the algorithm identified at chosen checkpoints
 * @param ablations losses under head interventions
 * @param timing measured vs predicted drop times (null where no prediction applies)
 */
public record AnalysisResult(String run, PlateauResult plateaus, PhaseResult phases, List<PatternResult> patterns,
                             List<AllocationResult> allocations, List<AlignmentResult> alignments,
                             List<HeadValueComparison> valueComparisons, List<StepIdentification> identifications,
                             List<AblationResult> ablations, TimingResult timing) {
    public AnalysisResult {
        if (run == null || run.isBlank()) {
            throw new IllegalArgumentException("an analysis needs the run's name");
        }
        patterns = List.copyOf(patterns);
        allocations = List.copyOf(allocations);
        alignments = List.copyOf(alignments);
        valueComparisons = List.copyOf(valueComparisons);
        identifications = List.copyOf(identifications);
        ablations = List.copyOf(ablations);
    }

    /** One head's value weight against the scalar ODE of its plateau. */
    public record HeadValueComparison(int head, ValueComparison comparison) {
    }

    /**
     * The algorithm identified at one checkpoint.
     *
     * @param task the task (output) identified, on that task's coordinates and labels; -1 for the whole model
     * @param result the family fits
     * @param preconditioner the model's fitted effective preconditioner (null when not fitted)
     */
    public record StepIdentification(long step, int task, IdentificationResult result,
                                     PreconditionerFitResult preconditioner) {
        /** For the whole model. */
        public StepIdentification(long step, IdentificationResult result, PreconditionerFitResult preconditioner) {
            this(step, -1, result, preconditioner);
        }
    }
}
