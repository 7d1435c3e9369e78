package org.icldynamics.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Test fixture: the command line of a child JVM that runs the CLI as shipped, started many times. On JDK 25+ the first
 * start records an ahead-of-time class cache ({@code -XX:AOTCacheOutput}) that the later ones load, which cuts a
 * child's start-up work by about 30% here; such caches need a class path of jars only, so the main classes are
 * packed into one jar first. On older JDKs the children start without a cache.
 */
final class ChildJvm {
    private final List<String> classPath;
    private final Path cache;
    private boolean recorded;

    /** A fixture whose jar and cache live in {@code dir}. */
    ChildJvm(Path dir) throws IOException {
        Path main;
        try {
            main = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
        List<String> cp = new ArrayList<>();
        boolean packed = Files.isDirectory(main);
        if (packed) { // target/classes: packed into a jar; the test classes are not needed
            Path jar = dir.resolve("icl-classes.jar");
            pack(main, jar);
            cp.add(jar.toString());
        }
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!packed || e.endsWith(".jar")) {
                cp.add(e);
            }
        }
        this.classPath = cp;
        boolean jarsOnly = cp.stream().allMatch(e -> e.endsWith(".jar"));
        this.cache = Runtime.version().feature() >= 25 && jarsOnly ? dir.resolve("icl.aot") : null;
    }

    /**
     * The command running {@code icl ARGS}; the first call records the cache (give it the unkilled run: the cache is
     * written when that JVM exits), later calls use it.
     */
    synchronized List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true", "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
        if (cache != null) {
            cmd.add((recorded ? "-XX:AOTCache=" : "-XX:AOTCacheOutput=") + cache);
            recorded = true;
        }
        cmd.addAll(List.of("-cp", String.join(File.pathSeparator, classPath), Main.class.getName()));
        cmd.addAll(args);
        return cmd;
    }

    private static void pack(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                j.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, j);
                j.closeEntry();
            }
        }
    }
}
