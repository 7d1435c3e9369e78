package org.icldynamics.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Binds a {@link LocatedTree} to the config records by their component names. Every problem (unknown key, wrong
 * type, value out of range) becomes a one-line {@link ConfigException} naming origin, key and what is allowed.
 */
public final class ConfigBinder {
    /** Non-finite numbers as a written config spells them (the range checks decide whether they are allowed). */
    private static final java.util.Map<String, Double> SPECIAL = java.util.Map.of(".inf", Double.POSITIVE_INFINITY,
            "-.inf", Double.NEGATIVE_INFINITY, ".nan", Double.NaN, "Infinity", Double.POSITIVE_INFINITY,
            "-Infinity", Double.NEGATIVE_INFINITY, "NaN", Double.NaN);

    private final LocatedTree tree;
    private final String fallbackOrigin;
    private final boolean storedRun;
    private final String defaultsOrigin;

    /**
     * @param storedRun whether the tree is a run directory's resolved config: files written before keys of other
     *                  variants were rejected list every key, so such keys are read (and ignored) instead of rejected
     * @param defaultsOrigin how the origin of a key that only the embedded defaults set begins (e.g. "defaults.yaml"):
     *                  such keys are not the user's and are never rejected as keys of another variant
     */
    public ConfigBinder(LocatedTree tree, String fallbackOrigin, boolean storedRun, String defaultsOrigin) {
        this.tree = tree;
        this.fallbackOrigin = fallbackOrigin;
        this.storedRun = storedRun;
        this.defaultsOrigin = defaultsOrigin;
    }

    /** The tree bound to the root record {@code type}. */
    public <T extends Record> T bind(Class<T> type) {
        return type.cast(bindRecord(type, tree.root(), ""));
    }

    private Object bindRecord(Class<?> type, JsonNode node, String path) {
        if (!(node instanceof ObjectNode obj)) {
            throw error(path, "must be a mapping with keys " + keys(type));
        }
        RecordComponent[] comps = type.getRecordComponents();
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (Arrays.stream(comps).noneMatch(c -> c.getName().equals(key))) {
                throw error(join(path, key), "unknown key; allowed " + (path.isEmpty() ? "top-level" : "in " + path)
                        + ": " + keys(type) + suggestion(key, Arrays.stream(comps).map(RecordComponent::getName)
                        .toList()));
            }
        }
        rejectOtherVariants(type, obj, path);
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            String child = join(path, comps[i].getName());
            JsonNode v = obj.get(comps[i].getName());
            if (v == null) {
                throw error(child, "missing; every " + (path.isEmpty() ? "config" : path) + " needs " + keys(type));
            }
            args[i] = comps[i].getType() == OptionalInt.class || comps[i].getType() == OptionalDouble.class
                    ? wordOrNumber(comps[i], v, child) : value(comps[i].getGenericType(), v, child);
            types[i] = comps[i].getType();
        }
        try {
            Constructor<?> c = type.getDeclaredConstructor(types);
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidSettingException ise) {
                String key = join(path, ise.key());
                String problem = "= " + describe(obj.at("/" + ise.key().replace('.', '/'))) + ": must be "
                        + ise.allowed();
                String origin = tree.origin(key, fallbackOrigin);
                String section = userOrigin(type, path);
                if (!path.isEmpty() && origin.startsWith(defaultsOrigin)
                        && !section.startsWith(defaultsOrigin)) {
                    // a default clashes with what the file set: point at the file's section, say it is the default
                    throw ConfigException.at(section, key, problem + " (" + key + " keeps its default; set it)");
                }
                throw error(key, problem);
            }
            throw error(path, String.valueOf(e.getCause().getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("config record " + type.getSimpleName() + " cannot be built", e);
        }
    }

    /**
     * Where the user shaped section {@code path} of record {@code type}: the section's own origin, or, when only the
     * defaults wrote the section, its selector's (e.g. {@code --set model.architecture=cubic-feature}).
     */
    private String userOrigin(Class<?> type, String path) {
        String section = tree.origin(path, fallbackOrigin);
        Class<?> choice = SectionVariants.choiceOf(type);
        return section.startsWith(defaultsOrigin) && choice != null
                ? tree.origin(join(path, SectionVariants.selector(choice)), fallbackOrigin) : section;
    }

    /** A key set in the file or by --set that the section's selected variant does not read is an error. */
    private void rejectOtherVariants(Class<?> type, ObjectNode obj, String path) {
        String sel = SectionVariants.selector(type);
        if (sel == null || storedRun || obj.get(sel) == null) {
            return;
        }
        String selKey = join(path, sel);
        String variant = SectionVariants.isChoice(type) ? variantWord(type, obj.get(sel), selKey)
                : yamlName((Enum<?>) enumValue(SectionVariants.selectorType(type), obj.get(sel), selKey));
        for (String name : SectionVariants.allKeys(type)) {
            String key = join(path, name);
            String set = SectionVariants.applies(type, name, variant) || obj.get(name) == null ? null
                    : setByUser(key, obj.get(name));
            if (set != null) {
                throw error(set, "is read only by " + sel + " " + SectionVariants.owners(type, name) + ", not by "
                        + sel + " " + variant + " (" + selKey + " from " + tree.origin(selKey, fallbackOrigin)
                        + "); " + variant + " takes " + String.join(", ", SectionVariants.keys(type, variant)));
            }
        }
    }

    /**
     * A section chosen by its selector among the records of sealed interface {@code type}: bound straight to the
     * selected record, from the keys that record takes (keys of other variants left by the defaults or a stored
     * run are ignored; set by the user they are an error).
     */
    private Object bindChoice(Class<?> type, JsonNode node, String path) {
        String sel = SectionVariants.selector(type);
        List<String> all = SectionVariants.allKeys(type);
        if (!(node instanceof ObjectNode obj)) {
            throw error(path, "must be a mapping with keys " + String.join(", ", all));
        }
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!all.contains(key)) {
                throw error(join(path, key), "unknown key; allowed in " + path + ": " + String.join(", ", all)
                        + suggestion(key, all));
            }
        }
        if (obj.get(sel) == null) {
            throw error(join(path, sel), "missing; every " + path + " needs " + sel + " (one of "
                    + String.join(", ", SectionVariants.variants(type)) + ")");
        }
        rejectOtherVariants(type, obj, path);
        Class<?> record = SectionVariants.variantClass(type, variantWord(type, obj.get(sel), join(path, sel)));
        ObjectNode own = obj.objectNode();
        for (RecordComponent c : record.getRecordComponents()) {
            if (obj.get(c.getName()) != null) {
                own.set(c.getName(), obj.get(c.getName()));
            }
        }
        return bindRecord(record, own, path);
    }

    /** The selecting word of a choice section, one of its variants (any case, {@code _} for {@code -}). */
    private String variantWord(Class<?> type, JsonNode v, String path) {
        List<String> variants = SectionVariants.variants(type);
        if (v.isTextual()) {
            String want = v.asText().trim().toLowerCase(Locale.ROOT).replace('_', '-');
            if (variants.contains(want)) {
                return want;
            }
        }
        throw error(path, "= " + describe(v) + ": must be one of " + String.join(", ", variants));
    }

    /** {@code key} or the first key under it that the config file or a --set set, or null if only the defaults. */
    private String setByUser(String key, JsonNode v) {
        if (v instanceof ObjectNode o) {
            for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                String set = setByUser(join(key, k), o.get(k));
                if (set != null) {
                    return set;
                }
            }
        }
        return tree.origin(key, fallbackOrigin).startsWith(defaultsOrigin) ? null : key;
    }

    private Object value(Type type, JsonNode v, String path) {
        if (type == int.class || type == long.class) {
            return integer(type == int.class, v, path);
        }
        if (type == double.class || type == Double.class) {
            if (v.isTextual() && SPECIAL.containsKey(v.asText())) { // a resolved config.yaml writes .inf as text
                return SPECIAL.get(v.asText());
            }
            if (!v.isNumber()) {
                throw error(path, "= " + describe(v) + ": must be a number");
            }
            return v.asDouble();
        }
        if (type == String.class) {
            if (v.isNull()) { // an empty value: the empty text
                return "";
            }
            if (!v.isTextual() && !v.isNumber()) {
                throw error(path, "= " + describe(v) + ": must be text");
            }
            return v.asText();
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            return enumValue(c, v, path);
        }
        if (type instanceof Class<?> c && c.isRecord()) {
            return bindRecord(c, v, path);
        }
        if (type instanceof Class<?> c && SectionVariants.isChoice(c)) {
            return bindChoice(c, v, path);
        }
        if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            if (!(v instanceof ArrayNode a)) {
                throw error(path, "= " + describe(v) + ": must be a list, e.g. [1, 2]");
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                out.add(value(pt.getActualTypeArguments()[0], a.get(i), path + "[" + i + "]"));
            }
            return out;
        }
        throw new IllegalStateException("unsupported config type " + type);
    }

    /** Largest magnitude of a 64-bit key (steps, seed): 2^53, beyond which a double no longer counts steps. */
    static final long LONG_LIMIT = 1L << 53;

    /**
     * An integer key: an integer literal (or a float literal of an exact whole number, e.g. {@code 2e4}) within
     * the 32-bit range for int keys and within +-2^53 for long keys; anything else names the range.
     */
    private Object integer(boolean isInt, JsonNode v, String path) {
        long min = isInt ? Integer.MIN_VALUE : -LONG_LIMIT;
        long max = isInt ? Integer.MAX_VALUE : LONG_LIMIT;
        String range = isInt ? "an integer between -2147483648 and 2147483647" : "an integer between -2^53 and 2^53";
        boolean integral = v.isIntegralNumber() ? v.canConvertToLong()
                : v.isNumber() && Double.isFinite(v.asDouble()) && v.asDouble() == Math.rint(v.asDouble())
                        && Math.abs(v.asDouble()) <= LONG_LIMIT;
        if (!integral) {
            throw error(path, "= " + describe(v) + ": must be " + range);
        }
        long x = v.isIntegralNumber() ? v.asLong() : (long) v.asDouble();
        if (x < min || x > max) {
            throw error(path, "= " + describe(v) + ": must be " + range);
        }
        return isInt ? (Object) (int) x : (Object) x;
    }

    /** An optional number: its {@link Doc#word()} (any case) for the derived value, else the number. */
    private Object wordOrNumber(RecordComponent c, JsonNode v, String path) {
        String word = c.getAnnotation(Doc.class).word();
        boolean integer = c.getType() == OptionalInt.class;
        if (v.isTextual() && v.asText().trim().equalsIgnoreCase(word)) {
            return integer ? OptionalInt.empty() : OptionalDouble.empty();
        }
        if (!v.isNumber()) {
            throw error(path, "= " + describe(v) + ": must be " + word + " or " + (integer ? "an integer" : "a number"));
        }
        return integer ? OptionalInt.of((Integer) value(int.class, v, path)) : OptionalDouble.of(v.asDouble());
    }

    private Object enumValue(Class<?> c, JsonNode v, String path) {
        String allowed = Arrays.stream(c.getEnumConstants()).map(e -> yamlName((Enum<?>) e))
                .collect(Collectors.joining(", "));
        Enum<?> e = v.isTextual() ? fromYamlName(c, v.asText()) : null;
        if (e == null) {
            throw error(path, "= " + describe(v) + ": must be one of " + allowed);
        }
        return e;
    }

    /** The constant of enum {@code c} spelled {@code word} in YAML ({@link #yamlName}), null when none is. */
    public static Enum<?> fromYamlName(Class<?> c, String word) {
        String want = word.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Object e : c.getEnumConstants()) {
            if (((Enum<?>) e).name().equals(want)) {
                return (Enum<?>) e;
            }
        }
        return null;
    }

    /** The YAML spelling of an enum constant: lower-case kebab. */
    public static String yamlName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static String keys(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.joining(", "));
    }

    private static String suggestion(String key, List<String> names) {
        String best = null;
        int bestD = 3;
        for (String name : names) {
            int d = distance(key.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT));
            if (d < bestD) {
                bestD = d;
                best = name;
            }
        }
        return best == null ? "" : " (did you mean " + best + "?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "?";
        }
        return ConfigException.shorten(v.isTextual() ? "'" + v.asText() + "'"
                : v.isFloatingPointNumber() ? Double.toString(v.asDouble()) : v.toString());
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private ConfigException error(String key, String problem) {
        return ConfigException.at(tree.origin(key, fallbackOrigin), key, problem);
    }
}
