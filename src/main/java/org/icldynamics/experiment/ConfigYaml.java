package org.icldynamics.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.icldynamics.config.ConfigBinder;
import org.icldynamics.config.ConfigException;
import org.icldynamics.config.ConfigSchema;
import org.icldynamics.config.Doc;
import org.icldynamics.config.LocatedTree;
import org.icldynamics.config.SectionVariants;
import org.icldynamics.config.YamlText;
import org.icldynamics.model.CubicFeatureNetwork;
import org.icldynamics.model.Init;
import org.icldynamics.model.ModelSpec;
import org.icldynamics.model.OneLayerAttention;

/**
 * Reads an experiment: embedded {@code defaults.yaml}, then the file, then the {@code --set} overrides, bound to an
 * {@link ExperimentSpec}; and writes a spec back as fully resolved YAML (which reads back to an equal spec).
 */
public final class ConfigYaml {
    static final String DEFAULTS = "defaults.yaml";
    /** Thread-safe once built; building one costs more than writing a config (studies write thousands). */
    private static final YAMLMapper WRITER = YAMLMapper.builder(
                    YAMLFactory.builder().stringQuotingChecker(new PlainKeys()).build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();

    private ConfigYaml() {
    }

    /** The embedded defaults with overrides (the main job when no config file is given). */
    public static ExperimentSpec defaults(List<String> overrides) {
        return bind(withOverrides(defaultTree(), overrides), DEFAULTS + " (embedded)");
    }

    /**
     * @param file a YAML file listing what differs from the defaults
     * @param overrides {@code key=value} assignments, applied after the file
     */
    public static ExperimentSpec load(Path file, List<String> overrides) {
        return parse(YamlText.read(file, "config"), file.toString(), overrides);
    }


    /**
     * A run directory's resolved {@code config.yaml}. Unlike {@link #load}, keys the selected variant does not read
     * are ignored rather than rejected: runs written before they were rejected list every key.
     */
    public static ExperimentSpec loadRun(Path file, List<String> overrides) {
        LocatedTree tree = defaultTree().merge(LocatedTree.parse(YamlText.read(file, "config"), file.toString()));
        return bind(withOverrides(asTrained(tree, file.toString()), overrides), file.toString(), true);
    }

    /**
     * A stored run written before the model's init rules binds as the model it trained: a cubic-feature network's
     * init other than those it honours ({@link CubicFeatureNetwork.Spec#honours}) drew gaussian weights, and an
     * initScale its init never reads ({@link Init#readsScale}) is 0.
     */
    private static LocatedTree asTrained(LocatedTree tree, String source) {
        JsonNode m = tree.root().path("model");
        Class<?> arch = SectionVariants.variantClass(ModelSpec.class, m.path("architecture").asText());
        Init init = initOf(m.path("init").asText());
        if (init == null || arch != OneLayerAttention.Spec.class && arch != CubicFeatureNetwork.Spec.class) {
            return tree; // the transformer reads no init; the binder names a bad word
        }
        if (arch == CubicFeatureNetwork.Spec.class && !CubicFeatureNetwork.Spec.honours(init)) {
            init = Init.GAUSSIAN;
            tree = tree.override("model.init", ConfigBinder.yamlName(init), source);
        }
        return init.readsScale(m.path("equivalentTo").asText()) ? tree
                : tree.override("model.initScale", "0", source);
    }

    private static Init initOf(String word) {
        return (Init) ConfigBinder.fromYamlName(Init.class, word);
    }

    /**
     * A resolved config's text turned into a variant of it by {@code overrides} (e.g. another architecture): keys
     * the new variant does not read are ignored, as in {@link #loadRun}.
     */
    public static ExperimentSpec parseVariant(String text, String source, List<String> overrides) {
        LocatedTree tree = defaultTree().merge(LocatedTree.parse(text, source));
        return bind(withOverrides(tree, overrides), source, true);
    }

    /** Like {@link #load} on text; {@code source} names it in messages. */
    public static ExperimentSpec parse(String text, String source, List<String> overrides) {
        LocatedTree tree = defaultTree().merge(LocatedTree.parse(text, source));
        return bind(withOverrides(tree, overrides), source);
    }

    /** One {@code key=value} assignment (the value as YAML text) and where it came from, e.g. {@code "s.yaml:7"}. */
    public record Assignment(String key, String value, String origin) {
    }

    /**
     * Layered loading (studies): the embedded defaults, then {@code base} (null: none), then the keys of {@code file}
     * except its top-level keys in {@code skip}, then each assignment in order, each named by its own origin.
     */
    public static ExperimentSpec layered(Path base, Path file, java.util.Set<String> skip,
                                         List<Assignment> assignments) {
        return layers(base, file, skip).bind(assignments);
    }

    /** The parsed layers of {@link #layered}, to bind many assignment lists without parsing the files again. */
    public static Layers layers(Path base, Path file, java.util.Set<String> skip) {
        LocatedTree tree = defaultTree();
        if (base != null) {
            tree = tree.merge(LocatedTree.parse(YamlText.read(base, "config"), base.toString()));
        }
        LocatedTree top = LocatedTree.parse(YamlText.read(file, "config"), file.toString());
        skip.forEach(top.root()::remove);
        return new Layers(tree.merge(top), file.toString());
    }

    /** Defaults, base and file merged (immutable: every binding works on its own copy). */
    public static final class Layers {
        private final LocatedTree tree;
        private final String source;

        private Layers(LocatedTree tree, String source) {
            this.tree = tree;
            this.source = source;
        }

        /** The spec with {@code assignments} applied in order. */
        public ExperimentSpec bind(List<Assignment> assignments) {
            LocatedTree t = tree;
            for (Assignment a : assignments) {
                t = t.override(a.key(), a.value(), a.origin());
            }
            return ConfigYaml.bind(t, source);
        }
    }

    private static LocatedTree withOverrides(LocatedTree tree, List<String> overrides) {
        for (String o : overrides) {
            tree = tree.override(o);
        }
        return tree;
    }

    private static ExperimentSpec bind(LocatedTree tree, String source) {
        return bind(tree, source, false);
    }

    private static ExperimentSpec bind(LocatedTree tree, String source, boolean storedRun) {
        return new ConfigBinder(tree, source, storedRun, DEFAULTS).bind(ExperimentSpec.class);
    }

    /** Every key of an experiment with its default and meaning ({@code icl config --schema}). */
    public static ConfigSchema schema() {
        return new ConfigSchema(ExperimentSpec.class, defaultTree().root());
    }

    static LocatedTree defaultTree() {
        return LocatedTree.parse(defaultsText(), DEFAULTS + " (embedded)");
    }

    static String defaultsText() {
        try (InputStream in = ConfigYaml.class.getResourceAsStream("/" + DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULTS + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fully resolved YAML of {@code spec}: every key its variants read, enums in kebab-case. */
    public static String write(ExperimentSpec spec) {
        try {
            return WRITER.writeValueAsString(toTree(spec));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Leaves keys such as {@code n} unquoted: Jackson quotes every YAML 1.1 boolean word, but a key is read back as a
     * string by this reader and by PyYAML alike, and {@code "n": 40} reads as if the value were quoted.
     */
    private static final class PlainKeys extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean needToQuoteName(String name) {
            return !name.matches("[a-z][A-Za-z0-9]*") || name.matches("true|false|yes|no|on|off|null");
        }
    }

    static JsonNode toTree(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof Record r) {
            ObjectNode o = f.objectNode();
            Class<?> choice = SectionVariants.choiceOf(r.getClass());
            if (choice != null) { // a section bound straight to the record its selector chose: the selector first
                o.put(SectionVariants.selector(choice), SectionVariants.word(r.getClass()));
            }
            String variant = SectionVariants.variantOf(r);
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                if (!SectionVariants.applies(r.getClass(), c.getName(), variant)) {
                    continue;
                }
                try {
                    Object v = c.getAccessor().invoke(r);
                    boolean word = v instanceof OptionalInt i && i.isEmpty()
                            || v instanceof OptionalDouble x && x.isEmpty();
                    o.set(c.getName(), word ? f.textNode(c.getAnnotation(Doc.class).word()) : toTree(v));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return o;
        }
        if (value instanceof List<?> l) {
            ArrayNode a = f.arrayNode();
            l.forEach(x -> a.add(toTree(x)));
            return a;
        }
        if (value instanceof Enum<?> e) {
            return f.textNode(ConfigBinder.yamlName(e));
        }
        if (value instanceof Integer i) {
            return f.numberNode(i);
        }
        if (value instanceof OptionalInt i) {
            return f.numberNode(i.getAsInt());
        }
        if (value instanceof OptionalDouble x) {
            return f.numberNode(x.getAsDouble());
        }
        if (value instanceof Long l) {
            return f.numberNode(l);
        }
        if (value instanceof Double d) {
            return Double.isFinite(d) ? f.numberNode(d) : f.textNode(d.isNaN() ? ".nan" : d > 0 ? ".inf" : "-.inf");
        }
        return f.textNode(String.valueOf(value));
    }
}
