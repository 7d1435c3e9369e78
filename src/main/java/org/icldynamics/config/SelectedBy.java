package org.icldynamics.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a config section whose keys depend on one of its enum keys (the selector: {@code model.architecture},
 * {@code task.kind}, {@code train.optimizer}). Keys whose {@link Doc#only()} omits the selected variant may not be
 * set; the binder names the variant and the keys it takes, and {@code icl config --schema} lists them per variant.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SelectedBy {
    /** The name of the selecting key, a component of the annotated record of enum type. */
    String value();
}
