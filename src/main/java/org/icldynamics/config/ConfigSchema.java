package org.icldynamics.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Every config key with its type or allowed values, its default and its meaning, generated from the records'
 * {@link Doc} annotations and the embedded defaults: nothing here is a hand-kept copy.
 */
public final class ConfigSchema {
    private final Class<? extends Record> root;
    private final JsonNode defaults;

    /**
     * @param root     the config's root record (its components are the top-level keys)
     * @param defaults the tree of defaults, keyed like {@code root}
     */
    public ConfigSchema(Class<? extends Record> root, JsonNode defaults) {
        this.root = root;
        this.defaults = defaults;
    }

    /**
     * One key of the schema.
     *
     * @param only the variants of its section that read it ("attention or transformer"), or "" for every variant
     */
    public record Entry(String key, String allowed, String defaultValue, String meaning, String only) {
    }

    /** The keys each variant of a section takes, e.g. {@code model.architecture: attention} and its keys. */
    public record VariantKeys(String selector, String variant, List<String> keys) {
    }

    /** For every section chosen by a key (architecture, task kind, optimizer): the keys of each variant. */
    public List<VariantKeys> variantKeys() {
        List<VariantKeys> out = new ArrayList<>();
        for (RecordComponent section : root.getRecordComponents()) {
            Class<?> type = section.getType();
            String sel = SectionVariants.selector(type);
            for (String v : SectionVariants.variants(type)) {
                out.add(new VariantKeys(section.getName() + "." + sel, v, SectionVariants.keys(type, v).stream()
                        .filter(k -> !k.equals(sel)).toList()));
            }
        }
        return out;
    }

    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        walk(root, defaults, "", out);
        return out;
    }

    private static void walk(Class<?> type, JsonNode defaults, String path, List<Entry> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            String key = path.isEmpty() ? c.getName() : path + "." + c.getName();
            JsonNode def = defaults == null ? null : defaults.get(c.getName());
            if (c.getType().isRecord()) {
                walk(c.getType(), def, key, out);
            } else if (SectionVariants.isChoice(c.getType())) {
                choice(c.getType(), def, key, out);
            } else {
                out.add(entry(key, c, def, SectionVariants.selector(type) == null ? ""
                        : only(SectionVariants.owners(type, c.getName()))));
            }
        }
    }

    /** A section chosen among records: its selector, then every key of any variant, once, with who reads it. */
    private static void choice(Class<?> type, JsonNode defaults, String path, List<Entry> out) {
        String sel = SectionVariants.selector(type);
        String meaning = String.join(", ", Arrays.stream(type.getPermittedSubclasses()).map(v -> SectionVariants
                .word(v) + " (" + v.getAnnotation(Variant.class).doc() + ")").toList());
        JsonNode selDefault = defaults == null ? null : defaults.get(sel);
        out.add(new Entry(path + "." + sel, String.join("|", SectionVariants.variants(type)),
                selDefault == null ? "-" : selDefault.asText(), meaning, ""));
        for (String k : SectionVariants.allKeys(type)) {
            if (!k.equals(sel)) {
                Entry e = entry(path + "." + k, SectionVariants.component(type, k), defaults == null ? null
                        : defaults.get(k), only(SectionVariants.owners(type, k)));
                out.add(new Entry(e.key(), e.allowed(), e.defaultValue(), meaning(type, k), e.only()));
            }
        }
    }

    /** The meaning of key {@code k} of a choice section: one text, or each variant's where they differ. */
    private static String meaning(Class<?> type, String k) {
        List<String> parts = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Class<?> v : type.getPermittedSubclasses()) {
            Arrays.stream(v.getRecordComponents()).filter(c -> c.getName().equals(k)).findFirst().ifPresent(c -> {
                String text = c.getAnnotation(Doc.class).value();
                texts.add(text);
                parts.add(SectionVariants.word(v) + ": " + text);
            });
        }
        return texts.stream().distinct().count() == 1 ? texts.get(0) : String.join("; ", parts);
    }

    private static String only(String owners) {
        return owners.equals("every") ? "" : owners;
    }

    private static Entry entry(String key, RecordComponent c, JsonNode def, String only) {
        Doc doc = c.getAnnotation(Doc.class);
        String meaning = doc == null ? "" : doc.value();
        String allowed = c.getType() == OptionalInt.class ? doc.word() + " or integer"
                : c.getType() == OptionalDouble.class ? doc.word() + " or number" : typeName(c.getGenericType());
        if (doc != null && !doc.allowed().isEmpty()) {
            allowed = allowed + ", " + doc.allowed();
        }
        return new Entry(key, allowed, def == null ? "-" : def.toString().replace("\"", ""), meaning, only);
    }

    private static String typeName(Type t) {
        if (t == int.class || t == long.class) {
            return "integer";
        }
        if (t == double.class || t == Double.class) {
            return "number";
        }
        if (t == String.class) {
            return "text";
        }
        if (t instanceof Class<?> c && c.isEnum()) {
            return Arrays.stream(c.getEnumConstants()).map(e -> ConfigBinder.yamlName((Enum<?>) e))
                    .collect(Collectors.joining("|"));
        }
        if (t instanceof ParameterizedType pt) {
            Type arg = pt.getActualTypeArguments()[0];
            if (arg instanceof Class<?> c && c.isRecord()) {
                return "list of {" + ConfigBinder.keys(c) + "}";
            }
            return "list of " + typeName(arg);
        }
        return t.getTypeName();
    }

    /** The schema as an aligned text table. */
    public String table() {
        List<Entry> es = entries();
        int k = es.stream().mapToInt(e -> e.key().length()).max().orElse(3);
        int d = es.stream().mapToInt(e -> e.defaultValue().length()).max().orElse(7);
        StringBuilder sb = new StringBuilder();
        String fmt = "%-" + k + "s  %-" + Math.max(7, d) + "s  %s%n";
        sb.append(String.format(fmt, "key", "default", "meaning [allowed]"));
        for (Entry e : es) {
            String only = e.only().isEmpty() ? "" : " (only " + e.only() + ")";
            sb.append(String.format(fmt, e.key(), e.defaultValue(), e.meaning() + " [" + e.allowed() + "]" + only));
        }
        sb.append(String.format("%nKeys per variant (setting a key of another variant is an error):%n"));
        for (VariantKeys v : variantKeys()) {
            sb.append(String.format("  %s: %s%n      %s%n", v.selector(), v.variant(), String.join(", ", v.keys())));
        }
        return sb.toString();
    }
}
