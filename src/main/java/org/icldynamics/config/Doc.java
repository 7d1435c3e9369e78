package org.icldynamics.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The meaning of one config key, on the record component that is the key. {@code icl config --schema} prints it
 * next to the default from {@code defaults.yaml}: these two are the only sources of the schema.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Doc {
    /** What the key means, one line. */
    String value();

    /** What values are allowed, when more than the type says (e.g. "> 0"). */
    String allowed() default "";

    /**
     * The variants of the enclosing section (the values of its {@link SelectedBy} key, in YAML spelling) that read
     * this key; empty = every variant. Setting the key under another variant is a config error.
     */
    String[] only() default {};

    /**
     * For an {@code OptionalInt} or {@code OptionalDouble} key: the word that asks for its derived value (e.g.
     * {@code rank: full}, {@code temperature: default}); an empty optional holds it.
     */
    String word() default "";
}
