package org.icldynamics.model;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.icldynamics.data.PromptBatch;
import org.icldynamics.linalg.BlockParallel;

/**
 * The blocked driver of {@link Transformer}: packs the parameters once per call, runs {@link TransformerBlockPass}es
 * over fixed blocks of {@link Transformer#PROMPTS_PER_PASS} prompts on {@link BlockParallel}, and reduces the blocks'
 * losses and packed gradients in block order, so results are bit-identical on any number of threads. Passes are
 * pooled between calls (their buffers are large).
 */
final class TransformerBlockedLoop {
    private static final int PROMPTS_PER_PASS = Transformer.PROMPTS_PER_PASS;
    private final Transformer.Spec spec;
    private final TransformerParameters pl;
    private final double[] params;
    private final BlockParallel parallel;
    private final TransformerPacking packing;
    private final ArrayDeque<TransformerBlockPass> pool = new ArrayDeque<>();
    private double[][] partials = new double[0][];
    private double[] packed = new double[0];
    private double[] transposed = new double[0];
    private double[] packedGrad = new double[0];

    /** @param params the model's parameters, read (never written) at every call */
    TransformerBlockedLoop(Transformer.Spec spec, TransformerParameters pl, double[] params, BlockParallel parallel) {
        this.spec = spec;
        this.pl = pl;
        this.params = params;
        this.parallel = parallel;
        this.packing = new TransformerPacking(pl);
    }

    /** Loss (and gradient, predictions, query states where not null), as {@link Transformer}'s run. */
    double run(PromptBatch batch, HeadGates mask, double[] grad, double[] predOut, double[][] states) {
        int b = batch.b;
        int per = PROMPTS_PER_PASS;
        int blocks = BlockParallel.blocks(b, per);
        int tokens = spec.layout().tokens(batch.n);
        if (packed.length != packing.size) {
            packed = new double[packing.size];
            transposed = new double[packing.transposedSize];
            packedGrad = new double[packing.size];
        }
        packing.pack(params, packed, transposed);
        if (grad != null && partials.length < blocks) {
            double[][] np = Arrays.copyOf(partials, blocks);
            for (int kb = partials.length; kb < blocks; kb++) {
                np[kb] = new double[pl.size];
            }
            partials = np;
        }
        double[] losses = new double[blocks];
        int outs = pl.outputs;
        int scored = spec.scoredPositions(batch.n);
        double coef = spec.loss().factor() / Math.max(1, b * scored * outs);
        parallel.forEach(blocks, kb -> {
            TransformerBlockPass pass = borrow(tokens, batch.n);
            try {
                int from = kb * per;
                int count = Math.min(b, from + per) - from;
                double[] yhat = new double[count * scored * outs];
                double[] dy = new double[count * scored * outs];
                pass.forward(batch, from, count, packed, mask, yhat);
                double sum = 0;
                for (int p = 0; p < count; p++) { // [count, scored, outputs]
                    for (int j = 0; j < scored; j++) {
                        for (int o = 0; o < outs; o++) {
                            int i = (p * scored + j) * outs + o;
                            double r = yhat[i] - Transformer.target(batch, from + p, j, scored, o);
                            sum += r * r;
                            dy[i] = 2 * coef * r;
                        }
                    }
                }
                losses[kb] = sum * coef;
                if (predOut != null) {
                    for (int p = 0; p < count; p++) { // the query is the last scored position
                        System.arraycopy(yhat, (p * scored + scored - 1) * outs, predOut, (from + p) * outs, outs);
                    }
                }
                if (states != null) {
                    pass.queryStates(states, from);
                }
                if (grad != null) {
                    double[] part = partials[kb];
                    Arrays.fill(part, 0.0);
                    pass.backward(batch.n, packed, transposed, mask, dy, part);
                }
            } finally {
                giveBack(pass);
            }
        });
        double loss = 0;
        for (int kb = 0; kb < blocks; kb++) {
            loss += losses[kb];
        }
        if (grad != null) {
            Arrays.fill(packedGrad, 0.0);
            for (int kb = 0; kb < blocks; kb++) { // reduce in block order
                double[] part = partials[kb];
                for (int i = 0; i < packedGrad.length; i++) {
                    packedGrad[i] += part[i];
                }
            }
            packing.unpack(packedGrad, grad);
        }
        return loss;
    }

    /**
     * Each head's output (before the output projection) averaged over the prompts of {@code batch}, per token:
     * {@code [layers][heads][T * dk]}. Blocks of {@link Transformer#PROMPTS_PER_PASS} prompts are summed in order on
     * one thread, so the result does not depend on threads. Rows a layer does not compute (the last layer's context
     * rows when only the query is scored) stay 0.
     *
     * @param batch not modified
     */
    double[][][] headOutputMeans(PromptBatch batch) {
        int t = spec.layout().tokens(batch.n);
        double[][][] sum = new double[pl.layers][pl.heads][t * pl.dk];
        double[] pp = new double[packing.size];
        double[] pt = new double[packing.transposedSize];
        packing.pack(params, pp, pt);
        TransformerBlockPass pass = new TransformerBlockPass(spec, pl, packing, batch.n, PROMPTS_PER_PASS);
        double[] yhat = new double[PROMPTS_PER_PASS * spec.scoredPositions(batch.n) * pl.outputs];
        for (int from = 0; from < batch.b; from += PROMPTS_PER_PASS) { // [blocks] in order
            pass.forward(batch, from, Math.min(PROMPTS_PER_PASS, batch.b - from), pp, null, yhat);
            pass.addHeadOutputs(sum);
        }
        for (double[][] layer : sum) {
            for (double[] head : layer) {
                for (int i = 0; i < head.length; i++) {
                    head[i] /= Math.max(1, batch.b);
                }
            }
        }
        return sum;
    }

    private synchronized TransformerBlockPass borrow(int tokens, int n) {
        TransformerBlockPass p = pool.poll();
        while (p != null && p.tokens != tokens) {
            p = pool.poll();
        }
        return p != null ? p : new TransformerBlockPass(spec, pl, packing, n, PROMPTS_PER_PASS);
    }

    private synchronized void giveBack(TransformerBlockPass p) {
        pool.push(p);
    }
}
