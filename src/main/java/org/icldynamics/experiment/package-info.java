/**
 * Experiment specs (typed records loaded from YAML), run directories, provenance, sweeps, executors and the run index.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 * Imports only point down this list (checked by {@code PackageLayoutTest}).
 */
package org.icldynamics.experiment;
