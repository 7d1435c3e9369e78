/**
 * Model architectures, one file each, with a nested {@code Spec} record; forward pass and hand-written backward pass;
 * effective per-head circuits and named traces.
 *
 * <p>Pipeline: {@code cli -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data -> linalg}.
 *
 * <h2>Glossary</h2>
 * <ul>
 *   <li>{@code h}: number of heads; {@code D = d + outputs}: token width; {@code R}: key/query rank;</li>
 *   <li>{@code KQ_h} ({@code D x D}): effective key-query circuit of head h, score between key token z_l and the
 *       query z_q is {@code z_l^T KQ_h z_q} (rows = key coordinates, columns = query coordinates);</li>
 *   <li>{@code OV_h} ({@code outputs x D}): effective value-output circuit, the head's output is
 *       {@code OV_h * sum_l a_l z_l};</li>
 *   <li>{@link org.icldynamics.model.Transformer}: {@code layers} = L blocks, residual width {@code W},
 *       per-head width {@code dk}, MLP width {@code M}, {@code T} tokens (n + 1 pairs, or 2n + 1 interleaved);
 *       parameters named {@code layer{l}.head{h}.q} etc., weights stored {@code [in, out]};</li>
 *   <li>loss: mean over prompts and outputs of {@code (yhat - y_q)^2}, times 1/2 when the loss convention says so.</li>
 *   <li>parameter blocks of {@link org.icldynamics.model.OneLayerAttention}, per head h: {@code head{h}.kq} [D, D] or
 *       {@code head{h}.key}, {@code head{h}.query} [R, D]; {@code head{h}.ov} [outputs, D] or {@code head{h}.value}
 *       [D, D], {@code head{h}.output} [outputs, D]. Of {@link org.icldynamics.model.CubicFeatureNetwork}:
 *       {@code fc1} [H, d*d], {@code fc2} [H].</li>
 *   <li>{@code U_h}: the x-block {@code KQ_h[0:d, 0:d]}; {@code v_h}: the y-entry {@code OV_h[0, d]}; {@code b}:
 *       {@code sum_l y_l x_l} (or {@code beta = b / n}), the sufficient statistic of linear attention.</li>
 * </ul>
 */
package org.icldynamics.model;
