/**
 * Classical in-context estimators, one file each, all implementing {@link org.icldynamics.data.Predictor}, so
 * evaluation never asks whether it holds a trained model or an estimator. Never trained weights.
 *
 * <ul>
 *   <li>{@link org.icldynamics.estimator.LeastSquaresEstimator} (minimum-norm OLS),
 *       {@link org.icldynamics.estimator.RidgeEstimator} (penalty absolute or per token),
 *       {@link org.icldynamics.estimator.BayesEstimator} (ridge with {@code lambda = sigma2/tau2});</li>
 *   <li>{@link org.icldynamics.estimator.GradientDescentEstimator}: GD from zero on {@code (1/2n)||Xw - y||^2}, so one
 *       step is {@code (eta/n) X^T y}; {@link org.icldynamics.estimator.DebiasedGdEstimator} (centred covariates);
 *       {@link org.icldynamics.estimator.PreconditionedGdEstimator} (a given {@code Gamma});</li>
 *   <li>{@link org.icldynamics.estimator.LinearAttentionFixedPointEstimator}: what converged linear attention computes
 *       (eq. 11) and its PCR form on plateau {@code m}; {@link org.icldynamics.estimator.PcrEstimator} (known or
 *       context principal directions);</li>
 *   <li>{@link org.icldynamics.estimator.LassoEstimator} (coordinate descent),
 *       {@link org.icldynamics.estimator.OracleSupportEstimator} (reads the true support: a reference);</li>
 *   <li>{@link org.icldynamics.estimator.SoftmaxStructuredEstimator} (per-head {@code omega, mu}),
 *       {@link org.icldynamics.estimator.MultiTaskSoftmaxEstimator} (per-task and per-head);
 *       {@link org.icldynamics.estimator.PreprocessThenOptimizeEstimator} (a reconstruction, unverified);</li>
 *   <li>{@link org.icldynamics.estimator.Tuning}: a hyper-parameter picked on held-out prompts (grid or Brent).</li>
 * </ul>
 * Every estimator predicts each output slot from its own labels; an empty context predicts 0.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 * Imports only point down this list (checked by {@code PackageLayoutTest}).
 */
package org.icldynamics.estimator;
