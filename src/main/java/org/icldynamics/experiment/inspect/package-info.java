/**
 * Reading finished runs for what they learned: {@code RunAnalysis} and {@code AnalysisFiles} ({@code icl analyze}:
 * phases, weight patterns, ablations, algorithm identification), {@code RunEvaluation} and {@code EstimatorChoice}
 * ({@code icl eval}: the trained model against classical estimators), {@code SparseProbe} ({@code icl probe}) and
 * {@code SparseAlgorithmComparison} ({@code icl algorithms}). Level {@code experiment.inspect}: above
 * {@code experiment.run}, beside studies and benchmarks.
 */
package org.icldynamics.experiment.inspect;
