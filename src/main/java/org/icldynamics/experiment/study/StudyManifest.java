package org.icldynamics.experiment.study;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.icldynamics.report.AtomicFiles;

/**
 * {@code STUDY_DIR/.study-finished}: written when a sweep leaves every point of a study finished, so that the same
 * {@code icl sweep} again can answer without resolving the points (which costs seconds in a fresh JVM). It holds what
 * the answer depends on, and {@link #match} accepts it only when all of it is unchanged:
 * <ul>
 *   <li>the invocation: the study file's absolute path and the {@code --set} overrides, in order;</li>
 *   <li>the inputs: the SHA-256 of the study file and of its {@code base:} config;</li>
 *   <li>the code: the jar (path, size, modification time) or class directory (files, bytes, newest modification)
 *       that this class was loaded from, which holds the embedded defaults and the resolution rules;</li>
 *   <li>the outputs: size and modification time of every run's {@code summary.json}, of {@code study.yaml},
 *       {@code study.csv}, of {@code figures/} and every file in it.</li>
 * </ul>
 * Anything else (a run removed, resumed or redrawn, an edited base, a rebuilt {@code icl}) makes the next sweep take
 * the full path, which checks every point and rewrites this file. It is a cache: deleting it only costs time.
 *
 * @param name the study's name
 * @param counts runs per status ({@code completed}, {@code diverged}), as in {@code study.csv}
 */
public record StudyManifest(String name, Map<String, Integer> counts) {
    public static final String FILE = ".study-finished";
    private static final String HEADER = "# icl sweep: this study directory is finished for the invocation below; the"
            + " same sweep answers from this file while everything listed is unchanged (delete it to check in full)";

    public StudyManifest {
        counts = Map.copyOf(counts);
    }

    /** Runs in the study. */
    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * Writes the manifest of {@code study} in {@code dir} when every point is finished (completed or diverged);
     * otherwise removes a stale one. Call it after {@code study.csv} and the figures are written.
     *
     * @param counts runs per status, as {@link Study#counts} gives them
     */
    public static void write(Path dir, Study study, List<String> sets, Map<String, Integer> counts)
            throws IOException {
        Path target = dir.resolve(FILE);
        int finished = counts.getOrDefault("completed", 0) + counts.getOrDefault("diverged", 0);
        boolean plain = sets.stream().noneMatch(s -> s.contains("\n") || s.contains("\r"));
        if (finished != study.points().size() || finished != counts.values().stream().mapToInt(i -> i).sum()
                || !plain) {
            Files.deleteIfExists(target);
            return;
        }
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        invocation(study.file().file(), sets).forEach(l -> b.append(l).append('\n'));
        for (Path in : inputs(study)) {
            b.append("input ").append(sha256(in)).append(' ').append(in).append('\n');
        }
        b.append("name ").append(study.file().name()).append('\n');
        counts.forEach((k, v) -> b.append("count ").append(k).append(' ').append(v).append('\n'));
        for (Path out : outputs(dir, study)) {
            b.append("output ").append(stamp(dir.resolve(out))).append(' ').append(out).append('\n');
        }
        AtomicFiles.writeString(target, b.toString());
    }

    /**
     * The manifest in {@code dir} if it was written for this same invocation and nothing it lists has changed since,
     * else null. Reads only the manifest, the inputs and the listed files' attributes.
     */
    public static StudyManifest match(Path dir, Path studyFile, List<String> sets) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(dir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        List<String> expected = invocation(studyFile, sets);
        if (lines.size() < expected.size() + 1 || !lines.subList(1, expected.size() + 1).equals(expected)) {
            return null;
        }
        String name = null;
        Map<String, Integer> counts = new LinkedHashMap<>();
        int outputs = 0;
        for (String line : lines.subList(expected.size() + 1, lines.size())) {
            String[] f = line.split(" ", 3);
            switch (f[0]) {
                case "input" -> {
                    if (f.length < 3 || !f[1].equals(sha256(Path.of(f[2])))) {
                        return null;
                    }
                }
                case "output" -> {
                    int sp = f.length < 3 ? -1 : f[2].indexOf(' '); // output SIZE MICROS PATH
                    if (sp < 0 || !(f[1] + " " + f[2].substring(0, sp))
                            .equals(stamp(dir.resolve(f[2].substring(sp + 1))))) {
                        return null;
                    }
                    outputs++;
                }
                case "name" -> name = f.length < 2 ? null : line.substring(5);
                case "count" -> counts.put(f[1], Integer.parseInt(f[2]));
                default -> {
                    return null;
                }
            }
        }
        StudyManifest m = name == null ? null : new StudyManifest(name, counts);
        return m != null && outputs > m.total() ? m : null; // every run's summary, and the study's own files
    }

    /** The lines that name one invocation: the code, the study file and the overrides. */
    private static List<String> invocation(Path studyFile, List<String> sets) throws IOException {
        List<String> l = new ArrayList<>();
        l.add("code " + codeIdentity());
        l.add("study " + studyFile.toAbsolutePath().normalize());
        sets.forEach(s -> l.add("set " + s));
        l.add("sets " + sets.size());
        return l;
    }

    private static List<Path> inputs(Study study) {
        List<Path> in = new ArrayList<>();
        in.add(study.file().file().toAbsolutePath().normalize());
        if (study.file().base() != null) {
            in.add(study.file().base().toAbsolutePath().normalize());
        }
        return in;
    }

    /** The files whose change makes the answer stale, relative to the study directory. */
    private static List<Path> outputs(Path dir, Study study) throws IOException {
        List<Path> out = new ArrayList<>();
        for (StudyPoint p : study.points()) {
            out.add(Path.of("runs", p.id(), "summary.json"));
        }
        out.add(Path.of(Study.FILE));
        out.add(Path.of(StudyCsv.FILE));
        out.add(Path.of("figures")); // the directory: a figure added or removed changes its modification time
        if (Files.isDirectory(dir.resolve("figures"))) {
            try (Stream<Path> s = Files.list(dir.resolve("figures"))) {
                s.filter(Files::isRegularFile).map(f -> Path.of("figures", f.getFileName().toString())).sorted()
                        .forEach(out::add);
            }
        }
        return out;
    }

    /** {@code SIZE MICROS} of a file, or {@code missing}. */
    private static String stamp(Path f) throws IOException {
        try {
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            return a.size() + " " + a.lastModifiedTime().to(TimeUnit.MICROSECONDS);
        } catch (NoSuchFileException e) {
            return "missing -";
        }
    }

    private static String sha256(Path f) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Where this code was loaded from, with what changes when it is rebuilt: a jar's path, size and modification
     * time; a class directory's file count, total size and newest modification time.
     */
    static String codeIdentity() throws IOException {
        Path where;
        try {
            where = Path.of(StudyManifest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return "unknown " + System.nanoTime(); // never matches: always the full path
        }
        if (Files.isRegularFile(where)) {
            return where + " " + stamp(where);
        }
        long files = 0;
        long bytes = 0;
        long newest = 0;
        try (Stream<Path> s = Files.walk(where)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                if (a.isRegularFile()) {
                    files++;
                    bytes += a.size();
                    newest = Math.max(newest, a.lastModifiedTime().to(TimeUnit.MICROSECONDS));
                }
            }
        }
        return where + " " + files + " " + bytes + " " + newest;
    }
}
