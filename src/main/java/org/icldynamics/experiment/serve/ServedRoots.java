package org.icldynamics.experiment.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.icldynamics.config.ConfigException;

/**
 * The directories {@code icl serve} may read, and the one place where a request's name for a file becomes a path.
 * A name is {@code INDEX/relative/path} (INDEX = position of the served directory); it is refused when it is
 * absolute, holds {@code ..}, {@code .}, empty segments, backslashes or control characters, or when its real path
 * (symbolic links followed) leaves the served directory.
 */
public final class ServedRoots {
    private final List<Path> roots;

    /** @throws ConfigException when a directory does not exist */
    public ServedRoots(List<Path> dirs) {
        List<Path> out = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new ConfigException(d + ": not a directory (icl serve takes run, study or output directories)");
            }
            try {
                out.add(d.toRealPath());
            } catch (IOException e) {
                throw new ConfigException(d + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException("icl serve: no directory to serve");
        }
        this.roots = List.copyOf(out);
    }

    /** The served directories, as real paths. */
    public List<Path> roots() {
        return roots;
    }

    /** The name of {@code path} (a real path under root {@code index}) for URLs: {@code INDEX/rel/path}. */
    public String idOf(int index, Path path) {
        Path rel = roots.get(index).relativize(path);
        String r = rel.toString().replace(java.io.File.separatorChar, '/');
        return r.isEmpty() ? Integer.toString(index) : index + "/" + r;
    }

    /** Thrown for a name that tries to leave the served directories (answered 403). */
    public static final class Forbidden extends RuntimeException {
        Forbidden(String name) {
            super("outside the served directories: " + name);
        }
    }

    /**
     * The real path a request's name stands for; empty when nothing is there (404).
     *
     * @throws Forbidden when the name is malformed or leads out of the served directories
     */
    public Optional<Path> resolve(String name) {
        if (name == null || name.isEmpty()) {
            throw new Forbidden(String.valueOf(name));
        }
        String[] seg = name.split("/", -1);
        for (String s : seg) {
            if (s.isEmpty() || s.equals(".") || s.equals("..") || s.indexOf('\\') >= 0
                    || s.chars().anyMatch(c -> c < 32)) {
                throw new Forbidden(name);
            }
        }
        int index;
        try {
            index = Integer.parseInt(seg[0]);
        } catch (NumberFormatException e) {
            throw new Forbidden(name);
        }
        if (index < 0 || index >= roots.size()) {
            return Optional.empty();
        }
        Path root = roots.get(index);
        Path p = root;
        try {
            for (int i = 1; i < seg.length; i++) {
                p = p.resolve(seg[i]);
            }
        } catch (InvalidPathException e) {
            throw new Forbidden(name);
        }
        if (!p.normalize().startsWith(root)) {
            throw new Forbidden(name);
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p)) {
            return Optional.empty();
        }
        Path real;
        try {
            real = p.toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        if (!real.startsWith(root)) {
            throw new Forbidden(name);
        }
        return Optional.of(real);
    }

    /** Like {@link #resolve} for a name that must exist. */
    public Path require(String name) {
        return resolve(name).orElseThrow(() -> new NotFound(name));
    }

    /** Thrown for a name under the served directories that names nothing (answered 404). */
    public static final class NotFound extends RuntimeException {
        NotFound(String name) {
            super("not found: " + name);
        }
    }
}
