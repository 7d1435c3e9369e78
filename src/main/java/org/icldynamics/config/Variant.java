package org.icldynamics.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The word that selects this record among the permitted records of a {@link SelectedBy} sealed interface (e.g.
 * {@code architecture: attention} selects {@code OneLayerAttention.Spec}); the config section binds straight to it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Variant {
    /** The selecting word, lower-case kebab. */
    String value();

    /** What the variant is, a few words for {@code icl config --schema}. */
    String doc();
}
