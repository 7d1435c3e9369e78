package org.icldynamics.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config section whose keys depend on one selecting key. Two forms:
 * <ul>
 * <li>on a record: the selector is one of its components, of enum type ({@code task.kind}, {@code train.optimizer});
 * keys whose {@link Doc#only()} omits the selected variant may not be set;</li>
 * <li>on a sealed interface (the registry {@code model.ModelSpec}): the selector ({@code model.architecture}) is a
 * key of the section but of no record; its word picks the permitted record annotated {@link Variant} with it, and
 * the section binds straight to that record, which takes only its own components.</li>
 * </ul>
 * Either way a key of another variant is an error naming the variant and the keys it takes, and
 * {@code icl config --schema} lists the keys per variant.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SelectedBy {
    /** The name of the selecting key. */
    String value();
}
