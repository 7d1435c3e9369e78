package org.icldynamics.analysis;

import java.util.List;

/**
 * Pattern metrics of all heads of one snapshot.
 *
 * @param step training step of the snapshot (-1 when not from a run)
 * @param heads per-head metrics
 * @param zeroSumResidual per output n: {@code |sum_h mu_nh| / sum_h |mu_nh|} over all heads, with
 *     {@code mu_nh = OV_h[n, d+n]} (NaN when every mu is 0)
 * @param eta per output n: {@code sum_h mu_nh omega_h}, the debiased-GD step the heads implement
 * @param activeHeads number of non-dummy heads
 * @param meanDiagRatio mean over active heads (NaN when none)
 * @param meanDiagVar mean over active heads
 * @param meanOvRatio mean over active heads
 * @param positive the positive group
 * @param negative the negative group
 */
public record PatternResult(long step, List<HeadPattern> heads, double[] zeroSumResidual, double[] eta,
                            int activeHeads, double meanDiagRatio, double meanDiagVar, double meanOvRatio,
                            Group positive, Group negative) {
    public PatternResult {
        heads = List.copyOf(heads);
        zeroSumResidual = zeroSumResidual.clone();
        eta = eta.clone();
    }

    /**
     * Summary of one sign group: only the group's sum of mu matters when its heads share omega.
     *
     * @param heads number of heads in the group
     * @param meanOmega mean omega (NaN when empty)
     * @param sumMu sum of mu
     */
    public record Group(int heads, double meanOmega, double sumMu) {
    }
}
