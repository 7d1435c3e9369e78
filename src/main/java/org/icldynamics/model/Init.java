package org.icldynamics.model;

/**
 * Initialisation families of {@link OneLayerAttention} (config key {@code model.init}); {@code s} = initScale.
 * Entries fixed by {@link OneLayerAttention.Trainable#REDUCED} are zero afterwards.
 * <ul>
 *   <li>GAUSSIAN: every entry N(0, s^2).</li>
 *   <li>TORCH_UNIFORM: PyTorch's nn.Linear default U(-1/sqrt(fan_in), 1/sqrt(fan_in)), no scale (s must be 0);
 *       fan_in = D for merged kq, key, query and value, h*D for the output map and for a merged ov.</li>
 *   <li>LINEAR_PAPER: the linear paper's scheme (c) (A.2.6): merged kq and ov entries N(0, s^2); key and query
 *       N(0, s^2/(R D)); value and output N(0, s^2); zero blocks: u_h (kq key y-rows, query x-columns),
 *       kappa (key y-columns), the v-vector (ov x-columns, or the value's x-columns).</li>
 *   <li>IDENTITY: no draws; merged kq = s I, or key = query = sqrt(s) I_{R x D} (so K^T Q = s diag(I_R, 0));
 *       OV_h[c, d+c] = s (merged), or V[d+c, d+c] = O[c, d+c] = sqrt(s); all other entries 0 (softmax paper's
 *       small-identity option, multitask theory init B.2 with s = L^{-3/2}).</li>
 *   <li>EQUIVALENT_TO: not an attention init: a cubic-feature network starts from the weights equivalent to a
 *       merged attention model's (the experiment layer copies them in).</li>
 *   <li>IDENTITY_INCLINED: IDENTITY, but head h's value entry for output h mod outputs is doubled (OV entry
 *       4 s), the "head h inclined to task h" init of B.2.</li>
 * </ul>
 */
public enum Init {
    GAUSSIAN, TORCH_UNIFORM, LINEAR_PAPER, IDENTITY, IDENTITY_INCLINED, EQUIVALENT_TO;

    /**
     * Whether this family reads {@code initScale} (the one statement of the rule the specs check and stored runs
     * are read by): all but torch-uniform; equivalent-to only when it draws this config's own attention twin,
     * i.e. {@code equivalentTo} (the cubic-feature network's key; "" for attention) is empty.
     */
    public boolean readsScale(String equivalentTo) {
        return this == EQUIVALENT_TO ? equivalentTo.isBlank() : this != TORCH_UNIFORM;
    }
}
