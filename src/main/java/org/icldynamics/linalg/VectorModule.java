package org.icldynamics.linalg;

/**
 * Whether {@code jdk.incubator.vector} was added to the JVM (it needs {@code --add-modules}): classes that use it may
 * be loaded only then, so every choice between a Vector-API path and a plain one asks here first.
 */
public final class VectorModule {
    private static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private VectorModule() {
    }

    /** Whether the vector module is in the boot layer. */
    public static boolean present() {
        return PRESENT;
    }
}
