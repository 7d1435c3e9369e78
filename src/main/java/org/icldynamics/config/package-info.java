/**
 * Config files in general, a leaf of the pipeline (it imports nothing of the project, so any package documents its
 * own records with it): {@code LocatedTree} (strict YAML with the file:line or {@code --set} of every key),
 * {@code ConfigBinder} (a tree bound to records by their component names, every problem one
 * {@code ConfigException} naming origin and key), the annotations {@code @Doc}, {@code @SelectedBy} and
 * {@code @Variant} with {@code SectionVariants} (which keys each variant of a section takes; a section selected
 * among the records of a sealed interface, such as {@code model:} by {@code architecture}, binds straight to the
 * record), {@code Require} and {@code InvalidSettingException} (the checks a record's compact constructor makes), and {@code ConfigSchema}
 * (every key, its default and meaning, generated from the annotations).
 */
package org.icldynamics.config;
