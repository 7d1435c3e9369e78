/**
 * Plateau and phase detection, weight-pattern metrics, head-task allocation, ablation and algorithm identification. No plotting.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 * Imports only point down this list (checked by {@code PackageLayoutTest}).
 */
package org.icldynamics.analysis;
