package org.icldynamics.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.icldynamics.config.ConfigBinder;
import org.icldynamics.config.ConfigException;
import org.icldynamics.config.Doc;
import org.icldynamics.config.SectionVariants;

/**
 * {@code icl config} and {@code icl run} accept exactly the same configs: every config that binds also builds (task,
 * model, optimizer, data and evaluation set), over every preset and, from small bases of every architecture, task
 * kind and optimizer, every key set to values around the edges of its documented range.
 */
class ConfigAcceptanceTest {
    /** Small bases; every case adds one key's value to one of them. */
    private static final List<List<String>> BASES = List.of(
            List.of(),
            List.of("model.scores=linear", "train.optimizer=gd", "train.data=fixed", "train.whitening=whiten"),
            List.of("model.architecture=transformer", "model.width=8", "model.heads=2", "model.layers=1"),
            List.of("model.architecture=cubic-feature", "model.init=gaussian", "train.optimizer=sgd",
                    "train.data=minibatch", "train.trainingSet=12"),
            List.of("task.kind=sparse", "task.sparsity=2", "train.optimizer=flow", "train.data=fixed"),
            List.of("task.tasks=2", "model.keyQuery=separate", "task.mixture=none"),
            List.of("task.mixture=in-weight", "task.inContextFraction=1", "train.data=fixed"),
            List.of("model.scores=linear", "model.trainable=reduced", "train.data=population", "train.optimizer=gd"));
    private static final List<String> SMALL = List.of("eval.prompts=8", "train.batch=6", "task.d=3", "task.n=4",
            "train.threads=1");

    private static List<String> candidates(RecordComponent c) {
        if (c.getType() == OptionalInt.class || c.getType() == OptionalDouble.class) {
            String word = c.getAnnotation(Doc.class).word();
            return List.of(word, "0", "1", "2", "4", "5");
        }
        if (c.getType() == int.class || c.getType() == long.class) {
            return List.of("0", "1", "2", "3", "4", "7", "13");
        }
        if (c.getType() == double.class) {
            return List.of("0", "0.5", "1", "2");
        }
        if (c.getType().isEnum()) {
            return Arrays.stream(c.getType().getEnumConstants()).map(e -> ConfigBinder.yamlName((Enum<?>) e))
                    .toList();
        }
        if (c.getGenericType() instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] == Double.class) {
            return List.of("[]", "[0, 0, 0]", "[1, 0, 0]", "[1, 2, 3]", "[1, 2, 3, 4]");
        }
        return List.of();
    }

    /** Every leaf key under {@code type} with its candidate values, as {@code key=value}. */
    private static void assignments(Class<?> type, String path, List<String> out) {
        if (SectionVariants.isChoice(type)) { // model: every key of every architecture, and each architecture
            for (String key : SectionVariants.allKeys(type)) {
                RecordComponent c = SectionVariants.component(type, key);
                List<String> values = c == null ? SectionVariants.variants(type) : candidates(c);
                values.forEach(v -> out.add(path + "." + key + "=" + v));
            }
            return;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            String key = path + "." + c.getName();
            if (c.getType().isRecord()) {
                assignments(c.getType(), key, out);
            } else {
                candidates(c).forEach(v -> out.add(key + "=" + v));
            }
        }
    }

    /** Builds the parts of a bound {@code spec}; a failure is added to {@code failures}. */
    private static void build(ExperimentSpec spec, String what, List<String> failures) {
        try (ExperimentParts p = ExperimentFactory.build(spec)) {
            assertTrue(p.model().parameters().length > 0, what);
        } catch (RuntimeException e) {
            failures.add("accepted by icl config but not by icl run: " + what + ": " + e);
        }
    }

    @Test
    void everyPresetThatBindsAlsoBuilds() throws IOException {
        List<Path> presets;
        try (Stream<Path> s = Files.list(Path.of("experiments"))) {
            presets = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        List<String> failures = new ArrayList<>();
        for (Path p : presets) {
            // the evaluation set enters no rule and the batch only "more prompts than coordinates", which 64 keeps
            ExperimentSpec spec = ConfigYaml.load(p, List.of("eval.prompts=16"));
            if (spec.train().batch() > 64 && spec.train().data() != TrainSection.DataMode.MINIBATCH) {
                spec = ConfigYaml.load(p, List.of("eval.prompts=16", "train.batch=64"));
            }
            build(spec, p.toString(), failures);
        }
        assertEquals(List.of(), failures);
        assertTrue(presets.size() >= 12, presets.toString());
    }

    @Test
    void everyKeyAtTheEdgesOfItsRangeIsAcceptedByBothOrNeither() {
        List<String> sets = new ArrayList<>();
        for (String section : List.of("task", "model", "train", "eval")) {
            Class<?> type = Arrays.stream(ExperimentSpec.class.getRecordComponents())
                    .filter(c -> c.getName().equals(section)).findFirst().orElseThrow().getType();
            assignments(type, section, sets);
        }
        int accepted = 0;
        int rejected = 0;
        List<String> failures = new ArrayList<>();
        for (List<String> base : BASES) {
            for (String set : sets) {
                List<String> all = new ArrayList<>(SMALL);
                all.addAll(base);
                all.add(set);
                ExperimentSpec spec;
                try {
                    spec = ConfigYaml.defaults(all);
                } catch (ConfigException e) {
                    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
                    assertTrue(e.getMessage().startsWith("--set ") || e.getMessage().startsWith(ConfigYaml.DEFAULTS),
                            e.getMessage());
                    rejected++;
                    continue;
                }
                build(spec, String.join(" ", all), failures);
                accepted++;
            }
        }
        assertEquals("", String.join("\n", failures));
        assertTrue(accepted > 500 && rejected > 100, accepted + " accepted, " + rejected + " rejected");
    }
}
