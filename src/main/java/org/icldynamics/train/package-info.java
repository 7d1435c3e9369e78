/**
 * Optimizers, schedules, the training loop, gradient flow, checkpoints and the typed {@code TrainingListener}. Knows a loss and a gradient, never a model's internals.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 * Imports only point down this list (checked by {@code PackageLayoutTest}).
 */
package org.icldynamics.train;
