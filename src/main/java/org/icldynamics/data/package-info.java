/**
 * Task distributions (one file each), {@link org.icldynamics.data.PromptBatch}, covariances and named, seeded
 * random streams.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 *
 * <h2>Glossary</h2>
 * <ul>
 *   <li>{@code d}: input dimension of {@code x}; {@code n}: number of context tokens (the query is extra);</li>
 *   <li>{@code b}: number of prompts in a batch; {@code outputs}: label slots per token (tasks), usually 1;</li>
 *   <li>token {@code z_i = (x_i ; y_i)} of width {@code D = d + outputs}, query token {@code z_q = (x_q ; 0)};</li>
 *   <li>{@code w}: the prompt's task vector, {@code tau2} its prior variance per coordinate;</li>
 *   <li>{@code sigma2}: label-noise variance of the context labels; the query label has its own noise setting;</li>
 *   <li>{@code Lambda}: covariance of {@code x};</li>
 *   <li>{@code S_k}: the coordinates of {@code x} task {@code k} reads (multi-task prompts);</li>
 *   <li>{@code P}: number of prompts of a finite training set; {@code c}: its in-context fraction, the other
 *       prompts using the fixed in-weight task {@code w*}.</li>
 * </ul>
 */
package org.icldynamics.data;
