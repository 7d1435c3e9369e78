/**
 * Small dense helpers, deterministic fixed-block parallel loops and Vector-API kernels; EJML where it fits. No randomness, no I/O.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 * Imports only point down this list (checked by {@code PackageLayoutTest}).
 */
package org.icldynamics.linalg;
