package org.icldynamics.analysis;

/**
 * Pattern metrics of one head (softmax spec A.4.1), with {@code A = KQ_h[0:d, 0:d]} the x-block (temperature
 * included) and {@code OV_h} the value-output circuit.
 *
 * @param head head index
 * @param diagRatio {@code ||diag(A)||_2 / ||A||_F}
 * @param diagVar {@code Var(diag(A)) / mean(diag(A))^2}, population variance
 * @param ovRatio {@code |OV[0, D-1]| / ||OV[0, :]||_2} for one output; for several outputs
 *     {@code sqrt(sum_n OV[n, d+n]^2) / ||OV||_F} (each output's own label slot)
 * @param keyLabelRatio {@code ||KQ[d:, 0:d]||_F / ||KQ[:, 0:d]||_F}: weight of the key's label row (should be ~0)
 * @param omega {@code mean(diag(A))}
 * @param mu the label-slot entry {@code OV[n, d+n]} of largest magnitude ({@code OV[0, D-1]} for one output)
 * @param group sign group
 */
public record HeadPattern(int head, double diagRatio, double diagVar, double ovRatio, double keyLabelRatio,
                          double omega, double mu, SignGroup group) {

    /** Sign group of a head: positive (omega > 0, mu > 0), negative (both < 0), mixed signs, or dummy. */
    public enum SignGroup {
        POSITIVE,
        NEGATIVE,
        MIXED,
        DUMMY
    }

    public boolean active() {
        return group != SignGroup.DUMMY;
    }
}
