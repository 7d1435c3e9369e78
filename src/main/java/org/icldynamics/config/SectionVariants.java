package org.icldynamics.config;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;

/**
 * The variants of a {@link SelectedBy} config section and the keys each one takes, read from the records'
 * annotations: the binder rejects keys of other variants, the writer omits them and the schema lists them.
 */
public final class SectionVariants {
    private SectionVariants() {
    }

    /** The selecting component of {@code type}, or null when its keys do not depend on a variant. */
    public static RecordComponent selector(Class<?> type) {
        SelectedBy by = type.getAnnotation(SelectedBy.class);
        if (by == null) {
            return null;
        }
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(by.value())).findFirst()
                .orElseThrow(() -> new IllegalStateException(type.getSimpleName() + " has no key " + by.value()));
    }

    /** The variants of {@code type} in YAML spelling (empty when it has no selector). */
    public static List<String> variants(Class<?> type) {
        RecordComponent s = selector(type);
        return s == null ? List.of() : Arrays.stream(s.getType().getEnumConstants())
                .map(e -> ConfigBinder.yamlName((Enum<?>) e)).toList();
    }

    /** Whether variant {@code variant} reads key {@code c} ({@code variant} null: a section without variants). */
    public static boolean applies(RecordComponent c, String variant) {
        Doc doc = c.getAnnotation(Doc.class);
        return variant == null || doc == null || doc.only().length == 0 || List.of(doc.only()).contains(variant);
    }

    /** The variants that read {@code c}, e.g. "transformer" or "attention or transformer". */
    public static String owners(RecordComponent c) {
        Doc doc = c.getAnnotation(Doc.class);
        return doc == null || doc.only().length == 0 ? "every" : String.join(" or ", doc.only());
    }

    /** The keys variant {@code variant} of {@code type} takes, comma-separated. */
    public static String keys(Class<?> type, String variant) {
        return String.join(", ", Arrays.stream(type.getRecordComponents()).filter(c -> applies(c, variant))
                .map(RecordComponent::getName).toList());
    }

    /** The selected variant of section {@code r} in YAML spelling, or null when it has none. */
    public static String variantOf(Record r) {
        RecordComponent s = selector(r.getClass());
        if (s == null) {
            return null;
        }
        try {
            return ConfigBinder.yamlName((Enum<?>) s.getAccessor().invoke(r));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
