package org.icldynamics.model;

import java.util.ArrayList;
import java.util.List;

/** Interventions written as a gate table, for tests: 1 keeps a head, 0 removes it, any other value scales it. */
final class HeadEdits {
    private HeadEdits() {
    }

    /** Gate 0: zero; other gates but 1: scale by the gate. */
    static List<HeadIntervention> of(double[][] gates) {
        return of(gates, null);
    }

    /** Gate 0: mean-replace by {@code means[l][h]} (null: zero); other gates but 1: scale by the gate. */
    static List<HeadIntervention> of(double[][] gates, double[][][] means) {
        List<HeadIntervention> out = new ArrayList<>();
        for (int l = 0; l < gates.length; l++) {
            for (int h = 0; h < gates[l].length; h++) {
                if (gates[l][h] == 0) {
                    out.add(HeadIntervention.removed(l, h, means));
                } else if (gates[l][h] != 1) {
                    out.add(new HeadIntervention.Scale(l, h, gates[l][h]));
                }
            }
        }
        return out;
    }
}
