package org.icldynamics.analysis;

/**
 * Thresholds of {@link HeadTaskAllocation}. A head's strength on task n is {@code s_nh = |lambda_W[n][h] *
 * lambda_U[n][h]|} (its contribution to task n's step eta_n); its share of task n is {@code s_nh / sum_m s_mh}.
 *
 * @param dedicationShare a head whose largest share is at least this serves one task
 * @param involvementShare a superposed head serves every task whose share is at least this
 * @param tinyContribution a head whose total strength is at most this fraction of the largest head's is a dummy
 */
public record AllocationSettings(double dedicationShare, double involvementShare, double tinyContribution) {
    public AllocationSettings {
        if (!(dedicationShare > 0.5 && dedicationShare <= 1) || !(involvementShare > 0 && involvementShare < 0.5)
                || !(tinyContribution >= 0 && tinyContribution < 1)) {
            throw new IllegalArgumentException("need 0.5 < dedicationShare <= 1, 0 < involvementShare < 0.5 and "
                    + "0 <= tinyContribution < 1");
        }
    }

    /** One task per head when it holds 90% of the head's strength; 10% involves a task; dummies under 0.1%. */
    public static AllocationSettings defaults() {
        return new AllocationSettings(0.9, 0.1, 1e-3);
    }
}
