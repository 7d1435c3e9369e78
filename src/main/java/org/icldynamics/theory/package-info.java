/**
 * Closed forms and ODEs: numbers in, numbers out. Each formula cites its section of {@code shared/spec}.
 *
 * <ul>
 *   <li>linear attention (linear-attention A.4): {@link org.icldynamics.theory.LinearAttentionTheory} (fourth moment,
 *       fixed-point and plateau losses, converged predictor, value fixed points),
 *       {@link org.icldynamics.theory.MergedAttentionTimeCourse} (eq. 10 and escape time),
 *       {@link org.icldynamics.theory.RankOneScalarOde} (item 9), {@link org.icldynamics.theory.SeparateRankOneFlow}
 *       (item 7), {@link org.icldynamics.theory.BestLinearAttentionLoss};</li>
 *   <li>softmax attention (softmax-multihead A.4): {@link org.icldynamics.theory.OneStepGdRisk} (GD / debiased GD),
 *       {@link org.icldynamics.theory.BayesRisk}, {@link org.icldynamics.theory.OptimalPreconditioner},
 *       {@link org.icldynamics.theory.ApproximateSoftmaxLoss} (one or several tasks),
 *       {@link org.icldynamics.theory.ApproximateGradientFlow}, {@link org.icldynamics.theory.ThreeStages},
 *       {@link org.icldynamics.theory.BestStructuredLoss};</li>
 *   <li>{@link org.icldynamics.theory.OdeSolution}: Euler (the authors' integrator) and Hipparchus Dormand-Prince.</li>
 * </ul>
 * Unit conventions: the linear-attention paper's {@code 1/N} and no 1/2 in the loss (code units are offered where the
 * spec gives them); the softmax approximate loss {@code Ltilde} has no 1/2, its flow integrates {@code Ltilde/2}.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 * Imports only point down this list (checked by {@code PackageLayoutTest}).
 */
package org.icldynamics.theory;
