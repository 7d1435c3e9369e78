package org.icldynamics.experiment.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.data.Task;
import org.icldynamics.linalg.BlockParallel;
import org.icldynamics.model.Init;
import org.icldynamics.model.Model;
import org.icldynamics.model.OneLayerAttention;
import org.icldynamics.report.NpzReader;
import org.icldynamics.config.ConfigException;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ExperimentParts;
import org.icldynamics.experiment.ExperimentFactory;
import org.icldynamics.experiment.ExperimentSpec;
import org.icldynamics.model.CubicFeatureNetwork;

/**
 * {@code model.init: equivalent-to}: starts a cubic-feature network from the weights equivalent to a merged
 * linear-attention model's (linear-attention A.2.4: {@code fc1} row {@code h} = {@code vec(U_h)}, the x-block of
 * head h's key-query matrix, rows the key side; {@code fc2[h] = v_h}, the value entry of the label slot). The
 * attention model is {@code model.equivalentTo}: a run directory (its step-0 snapshot), a config file (its model as
 * drawn from its own seed), or empty for this config as merged, reduced attention with init {@code linear-paper}
 * (the same streams, so the same draws as that attention run). The reduced attention model and the network then
 * compute the same function and follow the same gradient descent. Applied where a run starts ({@link ExperimentRun}),
 * since the source may be another run.
 */
final class CubicEquivalence {
    /** The overrides that turn a config into its attention twin. */
    static final List<String> TWIN = List.of("model.architecture=attention", "model.init=linear-paper",
            "model.keyQuery=merged", "model.valueOutput=merged", "model.trainable=reduced");

    private CubicEquivalence() {
    }

    /**
     * {@code parts} with the network's parameters overwritten by those equivalent to the source attention model when
     * {@code spec} asks for {@code init: equivalent-to}, else unchanged; closes {@code parts} when that fails.
     */
    static ExperimentParts startingPoint(ExperimentParts parts, ExperimentSpec spec) {
        if (!(spec.model() instanceof CubicFeatureNetwork.Spec c) || c.init() != Init.EQUIVALENT_TO) {
            return parts;
        }
        try {
            initialise(parts.model(), spec, spec.task().d());
            return parts;
        } catch (RuntimeException e) {
            parts.close();
            throw e;
        }
    }

    /** Overwrites the network's parameters with those equivalent to the source attention model. */
    static void initialise(Model network, ExperimentSpec spec, int d) {
        String source = ((CubicFeatureNetwork.Spec) spec.model()).equivalentTo();
        int heads = spec.model().heads();
        double[][] kq = new double[heads][];
        double[] v = new double[heads];
        try {
            if (!source.isEmpty() && Files.isDirectory(Path.of(source))) {
                Map<String, NpzReader.Array> snap = new RunReader(Path.of(source), ExperimentFactory::build)
                        .snapshot(0);
                ExperimentSpec src = new RunReader(Path.of(source), ExperimentFactory::build).spec();
                check(src, spec, d, source);
                for (int h = 0; h < heads; h++) {
                    kq[h] = array(snap, "head" + h + ".kq", source);
                    v[h] = array(snap, "head" + h + ".ov", source)[d];
                }
            } else {
                ExperimentSpec src = source.isEmpty() ? ConfigYaml.parseVariant(ConfigYaml.write(spec), "model.equivalentTo",
                        TWIN) : ConfigYaml.load(Path.of(source), List.of());
                check(src, spec, d, source.isEmpty() ? "this config" : source);
                RandomStreams streams = new RandomStreams(src.seed());
                Task srcTask = ExperimentFactory.taskSpec(src.task()).build(streams);
                try (BlockParallel parallel = new BlockParallel(1)) {
                    Model attn = src.model().build(srcTask.d(), srcTask.outputs(),
                            srcTask.n(), streams, parallel);
                    double[] p = attn.parameters();
                    for (int h = 0; h < heads; h++) {
                        kq[h] = block(attn, p, "head" + h + ".kq");
                        v[h] = block(attn, p, "head" + h + ".ov")[d];
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[] params = network.parameters(); // fc1 [H, d*d], then fc2 [H]
        int width = d + 1;
        for (int h = 0; h < heads; h++) {
            for (int a = 0; a < d; a++) { // [d, d] x-block, rows key
                System.arraycopy(kq[h], a * width, params, h * d * d + a * d, d);
            }
            params[heads * d * d + h] = v[h];
        }
    }

    private static void check(ExperimentSpec src, ExperimentSpec spec, int d, String source) {
        if (!(src.model() instanceof OneLayerAttention.Spec m) || m.keyQuery() != OneLayerAttention.KeyQuery.MERGED
                || m.valueOutput() != OneLayerAttention.ValueOutput.MERGED || m.heads() != spec.model().heads()
                || src.task().d() != d || src.task().tasks() != 1) {
            throw new ConfigException("model.equivalentTo = " + source + ": must be merged key-query, merged "
                    + "value-output attention with " + spec.model().heads() + " heads on one task of d = " + d);
        }
    }

    private static double[] array(Map<String, NpzReader.Array> snap, String block, String source) {
        NpzReader.Array a = snap.getOrDefault(RunReader.PARAM + block, snap.get(block));
        if (a == null) {
            throw new ConfigException("model.equivalentTo = " + source + ": its step-0 snapshot lacks " + block);
        }
        return a.data();
    }

    private static double[] block(Model m, double[] p, String name) {
        for (org.icldynamics.model.ParameterBlock b : m.blocks()) {
            if (b.name().equals(name)) {
                return java.util.Arrays.copyOfRange(p, b.offset(), b.offset() + b.size());
            }
        }
        throw new IllegalStateException("attention model without block " + name);
    }
}
