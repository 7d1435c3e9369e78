package org.icldynamics.train;

import org.icldynamics.model.Model;
import org.icldynamics.model.ParameterBlock;

/** Finds the first non-finite parameter, gradient entry or loss and names its parameter block. */
final class NonFinite {
    private NonFinite() {
    }

    /** A message naming the first non-finite parameter's block, or null when all are finite. */
    static String parameters(Model model, double[] params) {
        for (int i = 0; i < params.length; i++) {
            if (!Double.isFinite(params[i])) {
                ParameterBlock b = model.blockOf(i);
                return "parameter block " + b.name() + " holds " + params[i] + " (entry " + (i - b.offset()) + ")";
            }
        }
        return null;
    }

    /**
     * A message for the first problem found, in this order: a non-finite parameter, a non-finite gradient entry, a
     * non-finite loss; null when all are finite.
     */
    static String check(Model model, double[] params, double[] grad, double loss) {
        String bad = parameters(model, params);
        if (bad != null) {
            return bad;
        }
        for (int i = 0; i < grad.length; i++) {
            if (!Double.isFinite(grad[i])) {
                ParameterBlock b = model.blockOf(i);
                return "the gradient of parameter block " + b.name() + " is " + grad[i] + " (entry "
                        + (i - b.offset()) + ")";
            }
        }
        if (!Double.isFinite(loss)) {
            return "the loss is " + loss + " with finite parameters and gradient";
        }
        return null;
    }
}
