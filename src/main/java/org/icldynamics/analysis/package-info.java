/**
 * Plateau and phase detection, weight-pattern metrics, head-task allocation, ablation and algorithm identification. No plotting.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 * Imports only point down this list (checked by {@code PackageLayoutTest}).
 *
 * <p>Every analysis is numbers in, numbers out, with its thresholds in a settings record that has documented defaults:
 * <ul>
 *   <li>{@link org.icldynamics.analysis.PlateauDetector} ({@link org.icldynamics.analysis.PlateauSettings}): plateaus
 *       (start, end, level) and abrupt drops (half-way crossing) of a loss curve, matched to theoretical levels;</li>
 *   <li>{@link org.icldynamics.analysis.PhaseBoundaries} ({@link org.icldynamics.analysis.PhaseSettings}): warm-up /
 *       emergence / convergence boundaries, compared with theory values;</li>
 *   <li>{@link org.icldynamics.analysis.PatternMetrics} ({@link org.icldynamics.analysis.PatternSettings}): the softmax
 *       paper's diag ratio, homogeneity variance, OV last-entry ratio, zero-sum residual, sign groups and dummy heads;</li>
 *   <li>{@link org.icldynamics.analysis.HeadTaskAllocation} ({@link org.icldynamics.analysis.AllocationSettings},
 *       {@link org.icldynamics.analysis.TaskCoordinates}): head-by-task lambda_W, lambda_U and the allocation;</li>
 *   <li>{@link org.icldynamics.analysis.KeyAlignment} ({@link org.icldynamics.analysis.AlignmentSettings}): alignment of
 *       separate keys and queries with the eigenvectors of Lambda, value weights against a scalar ODE;</li>
 *   <li>{@link org.icldynamics.analysis.AlgorithmIdentification} ({@link org.icldynamics.analysis.CandidateFamily},
 *       {@link org.icldynamics.analysis.ParameterGrid}): which estimator family a model implements, with its parameter;
 *       {@link org.icldynamics.analysis.PreconditionerFit}: the model's effective preconditioner Gamma by least squares;</li>
 *   <li>{@link org.icldynamics.analysis.Ablation}, {@link org.icldynamics.analysis.HeadImportance},
 *       {@link org.icldynamics.analysis.Pruning}, {@link org.icldynamics.analysis.LayerProbe}: losses and probes under
 *       head interventions ({@link org.icldynamics.model.HeadIntervention}: zero, scale or mean-replace one head)
 *       handed as data to any {@link org.icldynamics.model.Model};</li>
 *   <li>{@link org.icldynamics.analysis.AnalysisResult}: the record tree written to {@code analysis.json}.</li>
 * </ul>
 */
package org.icldynamics.analysis;
