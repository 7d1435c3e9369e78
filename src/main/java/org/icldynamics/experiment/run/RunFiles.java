package org.icldynamics.experiment.run;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-system chores of the run lifecycle: removing a tree, saying in one line why a write failed. */
public final class RunFiles {
    /** The leading {@code some.package.SomeException: } parts of a message. */
    private static final java.util.regex.Pattern CLASS_PREFIX =
            java.util.regex.Pattern.compile("^(?:(?:[a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): )+");

    private RunFiles() {
    }

    /** Deletes {@code root} and everything below it, if it exists; problems are ignored (best effort). */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // best effort: what is left is reported by the caller's next step
        }
    }

    /** Whether {@code p} is a directory with nothing in it. */
    static boolean isEmptyDirectory(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }

    /** One line for an I/O failure: the file and the operating system's reason, no class names. */
    public static String describe(IOException e) {
        if (e.getCause() instanceof IOException cause && cause != e) {
            return describe(cause); // the operating system's error inside a library's wrapper
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        if (e instanceof NoSuchFileException n) {
            return "no such file or directory: " + n.getFile() + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
        }
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() == null ? "cannot write" : f.getReason();
            return reason.toLowerCase(java.util.Locale.ROOT) + (f.getFile() == null ? "" : ": " + f.getFile())
                    + (f.getOtherFile() == null ? "" : " -> " + f.getOtherFile());
        }
        if (e.getMessage() == null) {
            return e.getClass().getSimpleName();
        }
        // a wrapper's message repeats the wrapped classes (XChart's SVG writer on a full disk: "org.xml.sax.
        // SAXException: java.io.IOException: No space left on device"): keep the innermost reason
        return CLASS_PREFIX.matcher(ResumeCheck.firstLine(e.getMessage())).replaceAll("");
    }

    /** Why a running run could not go on: its directory vanished, or a write failed (e.g. the disk is full). */
    static String failure(RunDirectory dir, IOException e) {
        if (!Files.isDirectory(dir.root())) {
            return "the run directory " + dir.root() + " vanished while the run was going (" + describe(e) + ")";
        }
        return "cannot write the run directory: " + describe(e);
    }
}
