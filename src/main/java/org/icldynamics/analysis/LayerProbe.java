package org.icldynamics.analysis;

import org.ejml.simple.SimpleMatrix;
import org.icldynamics.data.PromptBatch;
import java.util.List;
import org.icldynamics.model.HeadIntervention;
import org.icldynamics.model.ResidualStreamModel;

/**
 * Per-layer linear probes (spec sparse-multilayer.md B.5, "P-probing"): after the embedding and after each layer,
 * an affine read-out of the query token's residual state is fitted by (ridge-stabilised) least squares on one set of
 * prompts and scored by excess risk on another. A probe risk that falls layer by layer is the GD-iteration picture.
 */
public final class LayerProbe {
    private LayerProbe() {
    }

    /** What the probe regresses on: the noisy query label (observable) or the noise-free signal. */
    public enum Target { LABEL, SIGNAL }

    /**
     * @param risk {@code [layers + 1]} excess risk of the probe after the embedding (0) and after layer l (l + 1)
     */
    public record Result(double[] risk) {
        public Result {
            risk = risk.clone();
        }

        @Override
        public double[] risk() {
            return risk.clone();
        }
    }

    /**
     * @param model not modified
     * @param edits interventions during the probed passes (empty: none), e.g. a pruning
     * @param fit prompts the probes are fitted on, not modified
     * @param eval prompts the probes are scored on, not modified
     * @param ridge penalty on the probe weights (not the intercept) on the mean-squared-error scale, i.e. {@code
     *              ridge * b} is added to the Gram diagonal; a small value such as 1e-8 only stabilises
     */
    public static Result measure(ResidualStreamModel model, List<HeadIntervention> edits, PromptBatch fit,
                                 PromptBatch eval, Target target, double ridge) {
        if (fit.outputs != 1) {
            throw new IllegalArgumentException("layer probes read one output; the prompts have " + fit.outputs);
        }
        if (!(ridge >= 0)) {
            throw new IllegalArgumentException("probe ridge must be >= 0, got " + ridge);
        }
        double[][] hf = model.queryStates(fit, edits);
        double[][] he = model.queryStates(eval, edits);
        int w = model.width();
        double[] y = target == Target.LABEL ? fit.yq : fit.signal;
        double[] risk = new double[hf.length];
        for (int l = 0; l < hf.length; l++) { // one probe per depth
            SimpleMatrix beta = fitProbe(hf[l], y, fit.b, w, ridge);
            double[] pred = new double[eval.b];
            for (int p = 0; p < eval.b; p++) { // [b, W + 1]
                double s = beta.get(w, 0);
                for (int c = 0; c < w; c++) {
                    s += he[l][p * w + c] * beta.get(c, 0);
                }
                pred[p] = s;
            }
            risk[l] = ExcessRisk.of(pred, eval);
        }
        return new Result(risk);
    }

    /** Ridge least squares of {@code y [b]} on {@code [h (b x w) | 1]}; returns {@code [w + 1, 1]}. */
    private static SimpleMatrix fitProbe(double[] h, double[] y, int b, int w, double ridge) {
        int m = w + 1;
        double[] a = new double[m * m];
        double[] rhs = new double[m];
        double[] row = new double[m];
        for (int p = 0; p < b; p++) { // [b, W + 1]
            System.arraycopy(h, p * w, row, 0, w);
            row[w] = 1.0;
            for (int i = 0; i < m; i++) {
                rhs[i] += row[i] * y[p];
                for (int j = 0; j < m; j++) {
                    a[i * m + j] += row[i] * row[j];
                }
            }
        }
        for (int i = 0; i < w; i++) {
            a[i * m + i] += ridge * b;
        }
        SimpleMatrix am = new SimpleMatrix(m, m, true, a);
        return am.pseudoInverse().mult(new SimpleMatrix(m, 1, true, rhs));
    }
}
