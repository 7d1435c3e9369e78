package org.icldynamics.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.linalg.BlockParallel;
import org.junit.jupiter.api.Test;

class TransformerParameterNamesTest {
    @Test
    void blockNamesAndShapesArePinnedAndCoverTheVectorInOrder() {
        Transformer t = Transformer.Spec.gpt(1, 2, 4).build(3, 1, 5, new RandomStreams(0), BlockParallel.serial());
        List<String> names = t.blocks().stream().map(ParameterBlock::toString).toList();
        assertEquals(List.of("embed.weight[4, 4]", "embed.bias[4]", "layer0.ln1.gain[4]", "layer0.ln1.bias[4]",
                "layer0.head0.q[4, 2]", "layer0.head0.k[4, 2]", "layer0.head0.v[4, 2]", "layer0.head0.o[2, 4]",
                "layer0.head1.q[4, 2]", "layer0.head1.k[4, 2]", "layer0.head1.v[4, 2]", "layer0.head1.o[2, 4]",
                "layer0.ln2.gain[4]", "layer0.ln2.bias[4]", "layer0.mlp.in[4, 16]", "layer0.mlp.inBias[16]",
                "layer0.mlp.out[16, 4]", "layer0.mlp.outBias[4]", "lnf.gain[4]", "lnf.bias[4]",
                "readout.weight[4, 1]", "readout.bias[1]"), names);
        int next = 0;
        for (ParameterBlock b : t.blocks()) {
            assertEquals(next, b.offset(), b.name());
            next += b.size();
        }
        assertEquals(t.parameters().length, next);
    }

    @Test
    void everyBlockStartsAsItsInitKindSays() {
        Transformer.Spec spec = Transformer.Spec.gpt(2, 2, 8);
        double scale = spec.initScale();
        Transformer t = spec.build(3, 1, 5, new RandomStreams(2), BlockParallel.serial());
        double[] p = t.parameters();
        double sumZ2 = 0;
        long count = 0;
        for (TransformerParameters.Block b : new TransformerParameters(spec, 4, 1).blocks) {
            ParameterBlock pb = b.block();
            assertEquals(b.init() == TransformerParameters.Init.FAN_IN_GAUSSIAN, pb.shape().length == 2, pb.name());
            assertEquals(b.init() == TransformerParameters.Init.ONES, pb.name().endsWith(".gain"), pb.name());
            for (int i = pb.offset(); i < pb.offset() + pb.size(); i++) {
                switch (b.init()) {
                    case ONES -> assertEquals(1.0, p[i], 0.0, pb.name());
                    case ZEROS -> assertEquals(0.0, p[i], 0.0, pb.name());
                    case FAN_IN_GAUSSIAN -> {
                        double z = p[i] / (scale / Math.sqrt(pb.shape()[0])); // N(0, 1) when the std is right
                        sumZ2 += z * z;
                        count++;
                    }
                }
            }
        }
        // mean of z^2 is 1 with standard error sqrt(2 / count); 5 SE
        assertEquals(1.0, sumZ2 / count, 5 * Math.sqrt(2.0 / count), "count " + count);
    }

    @Test
    void theoryStackHasNoLayerNormOrMlpBlocks() {
        List<String> names = LinearTransformerConstruction.build(2, 1, 0.1, 1.0, BlockParallel.serial()).blocks()
                .stream().map(ParameterBlock::name).filter(s -> s.contains("ln") || s.contains("mlp")).toList();
        assertEquals(List.of(), names);
    }
}
