package org.icldynamics.config;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The variants of a {@link SelectedBy} config section and the keys each one takes, read from the annotations: a
 * record with an enum selector and {@link Doc#only()} on its components, or a sealed interface whose permitted
 * records carry {@link Variant}. The binder rejects keys of other variants, the writer omits them and the schema
 * lists them.
 */
public final class SectionVariants {
    private SectionVariants() {
    }

    /** The name of the selecting key of section {@code type}, or null when its keys do not depend on a variant. */
    public static String selector(Class<?> type) {
        SelectedBy by = type.getAnnotation(SelectedBy.class);
        return by == null ? null : by.value();
    }

    /** Whether {@code type} is a sealed interface whose variants are records of their own. */
    public static boolean isChoice(Class<?> type) {
        return type.isInterface() && type.isSealed() && type.isAnnotationPresent(SelectedBy.class);
    }

    /** The variants of {@code type} in YAML spelling (empty when it has no selector). */
    public static List<String> variants(Class<?> type) {
        if (isChoice(type)) {
            return Arrays.stream(type.getPermittedSubclasses()).map(SectionVariants::word).toList();
        }
        RecordComponent s = selectorComponent(type);
        return s == null ? List.of() : Arrays.stream(s.getType().getEnumConstants())
                .map(e -> ConfigBinder.yamlName((Enum<?>) e)).toList();
    }

    /** The record that variant {@code variant} of choice {@code type} binds to, or null if there is none. */
    public static Class<?> variantClass(Class<?> type, String variant) {
        return Arrays.stream(type.getPermittedSubclasses()).filter(c -> word(c).equals(variant)).findFirst()
                .orElse(null);
    }

    /** The selecting word of a {@link Variant} record. */
    public static String word(Class<?> record) {
        Variant v = record.getAnnotation(Variant.class);
        if (v == null || !record.isRecord()) {
            throw new IllegalStateException(record.getSimpleName() + " is no record annotated @Variant");
        }
        return v.value();
    }

    /** The choice interface a {@link Variant} record belongs to, or null when {@code record} is none. */
    public static Class<?> choiceOf(Class<?> record) {
        if (!record.isAnnotationPresent(Variant.class)) {
            return null;
        }
        return Arrays.stream(record.getInterfaces()).filter(SectionVariants::isChoice).findFirst().orElse(null);
    }

    /** The keys variant {@code variant} of {@code type} takes, the selector first when it is not a component. */
    public static List<String> keys(Class<?> type, String variant) {
        if (isChoice(type)) {
            List<String> out = new ArrayList<>(List.of(selector(type)));
            Arrays.stream(variantClass(type, variant).getRecordComponents()).map(RecordComponent::getName)
                    .forEach(out::add);
            return out;
        }
        return Arrays.stream(type.getRecordComponents()).filter(c -> applies(c, variant))
                .map(RecordComponent::getName).toList();
    }

    /** Every key of section {@code type} over all its variants, in order of first appearance. */
    public static List<String> allKeys(Class<?> type) {
        if (!isChoice(type)) {
            return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
        }
        List<String> out = new ArrayList<>(List.of(selector(type)));
        for (Class<?> v : type.getPermittedSubclasses()) {
            for (RecordComponent c : v.getRecordComponents()) {
                if (!out.contains(c.getName())) {
                    out.add(c.getName());
                }
            }
        }
        return out;
    }

    /** The component that is key {@code key} of section {@code type} (its first variant's), or null. */
    public static RecordComponent component(Class<?> type, String key) {
        Class<?>[] records = isChoice(type) ? type.getPermittedSubclasses() : new Class<?>[] {type};
        for (Class<?> r : records) {
            for (RecordComponent c : r.getRecordComponents()) {
                if (c.getName().equals(key)) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Whether variant {@code variant} (null: a section without variants) of {@code type} reads {@code key}. */
    public static boolean applies(Class<?> type, String key, String variant) {
        if (variant == null) {
            return true;
        }
        return isChoice(type) ? keys(type, variant).contains(key) : applies(component(type, key), variant);
    }

    /** The variants of {@code type} that read {@code key}, e.g. "transformer" or "attention or transformer". */
    public static String owners(Class<?> type, String key) {
        if (isChoice(type)) {
            List<String> vs = variants(type).stream().filter(v -> keys(type, v).contains(key)).toList();
            return vs.size() == variants(type).size() ? "every" : String.join(" or ", vs);
        }
        Doc doc = component(type, key).getAnnotation(Doc.class);
        return doc == null || doc.only().length == 0 ? "every" : String.join(" or ", doc.only());
    }

    /** The selected variant of section {@code r} (a record with an enum selector) in YAML spelling, or null. */
    public static String variantOf(Record r) {
        RecordComponent s = selectorComponent(r.getClass());
        if (s == null) {
            return null;
        }
        try {
            return ConfigBinder.yamlName((Enum<?>) s.getAccessor().invoke(r));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean applies(RecordComponent c, String variant) {
        Doc doc = c.getAnnotation(Doc.class);
        return variant == null || doc == null || doc.only().length == 0 || List.of(doc.only()).contains(variant);
    }

    private static RecordComponent selectorComponent(Class<?> type) {
        String name = selector(type);
        if (name == null || !type.isRecord()) {
            return null;
        }
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(type.getSimpleName() + " has no key " + name));
    }

    /** The enum type of the selector of record section {@code type} (for reading its value). */
    static Class<?> selectorType(Class<?> type) {
        return selectorComponent(type).getType();
    }
}
