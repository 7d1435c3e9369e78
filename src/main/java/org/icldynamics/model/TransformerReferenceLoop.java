package org.icldynamics.model;

import org.icldynamics.data.PromptBatch;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;

/**
 * The {@link Transformer.Kernel#REFERENCE} loop of a {@link Transformer}: one {@link TransformerPass} per fixed block
 * of {@link RandomStreams#BLOCK} prompts, prompts in order within a block, per-block gradients summed in block order.
 */
final class TransformerReferenceLoop {
    private final Transformer.Spec spec;
    private final TransformerParameters pl;
    private final double[] params;
    private final BlockParallel parallel;
    private TransformerPass[] passes = new TransformerPass[0];
    private double[][] partials = new double[0][];

    /** @param params the model's parameters, read (not modified) on every call */
    TransformerReferenceLoop(Transformer.Spec spec, TransformerParameters pl, double[] params, BlockParallel parallel) {
        this.spec = spec;
        this.pl = pl;
        this.params = params;
        this.parallel = parallel;
    }

    /** Loss, and optionally the gradient (overwritten), predictions {@code [b, outputs]} and query states. */
    double run(PromptBatch batch, HeadGates mask, double[] grad, double[] predOut, double[][] states) {
        int b = batch.b;
        int blocks = BlockParallel.blocks(b, RandomStreams.BLOCK);
        ensure(blocks, spec.layout().tokens(batch.n), grad != null);
        double[] losses = new double[blocks];
        int outs = pl.outputs;
        int scored = spec.scoredPositions(batch.n);
        int per = scored * outs;
        double coef = spec.loss().factor() / Math.max(1, b * per);
        parallel.forEach(blocks, kb -> {
            TransformerPass pass = passes[kb];
            double[] part = grad == null ? null : partials[kb];
            if (part != null) {
                java.util.Arrays.fill(part, 0.0);
            }
            double[] yhat = new double[per];
            double[] dy = new double[per];
            double sum = 0;
            int from = kb * RandomStreams.BLOCK;
            int to = Math.min(b, from + RandomStreams.BLOCK);
            for (int p = from; p < to; p++) { // [block prompts]
                pass.forward(batch, p, params, mask, yhat, 0);
                for (int j = 0; j < scored; j++) { // [scored, outputs]
                    for (int o = 0; o < outs; o++) {
                        double r = yhat[j * outs + o] - Transformer.target(batch, p, j, scored, o);
                        sum += r * r;
                        dy[j * outs + o] = 2 * coef * r;
                    }
                }
                if (predOut != null) {
                    System.arraycopy(yhat, (scored - 1) * outs, predOut, p * outs, outs);
                }
                if (states != null) {
                    pass.queryStates(states, p * pl.width);
                }
                if (part != null) {
                    pass.backward(batch.n, params, mask, dy, 0, part);
                }
            }
            losses[kb] = sum * coef;
        });
        double loss = 0;
        for (int kb = 0; kb < blocks; kb++) {
            loss += losses[kb];
        }
        if (grad != null) {
            java.util.Arrays.fill(grad, 0.0);
            for (int kb = 0; kb < blocks; kb++) { // reduce in block order
                double[] part = partials[kb];
                for (int i = 0; i < grad.length; i++) {
                    grad[i] += part[i];
                }
            }
        }
        return loss;
    }

    private synchronized void ensure(int blocks, int tokens, boolean needGrad) {
        if (passes.length < blocks) {
            passes = java.util.Arrays.copyOf(passes, blocks);
        }
        for (int kb = 0; kb < blocks; kb++) {
            if (passes[kb] == null || passes[kb].tokens != tokens) {
                int n = spec.layout() == TokenLayout.PAIR ? tokens - 1 : (tokens - 1) / 2;
                passes[kb] = new TransformerPass(spec, pl, n);
            }
        }
        if (needGrad && partials.length < blocks) {
            double[][] np = java.util.Arrays.copyOf(partials, blocks);
            for (int kb = partials.length; kb < blocks; kb++) {
                np[kb] = new double[pl.size];
            }
            partials = np;
        }
    }
}
