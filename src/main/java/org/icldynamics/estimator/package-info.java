/**
 * Classical in-context estimators (OLS, ridge, Bayes, GD-k, debiased and preconditioned GD, PCR, Lasso, ...), one file each, all implementing {@link org.icldynamics.data.Predictor}. Never trained weights.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 * Imports only point down this list (checked by {@code PackageLayoutTest}).
 */
package org.icldynamics.estimator;
