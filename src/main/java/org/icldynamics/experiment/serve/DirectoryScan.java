package org.icldynamics.experiment.serve;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * What the served directories hold, found by walking them (symbolic links are not followed; a run directory's own
 * folders are not entered): run directories ({@code config.yaml}), studies ({@code study.csv}) and reproduction
 * reports ({@code report.html} beside {@code checks.csv}), each as its name for URLs.
 */
public final class DirectoryScan {
    /** Deepest folder level visited below a served directory. */
    public static final int MAX_DEPTH = 8;

    private DirectoryScan() {
    }

    /** Names for URLs, each list in path order. */
    public record Found(List<String> runs, List<String> studies, List<String> reports) {
    }

    public static Found scan(ServedRoots roots) throws IOException {
        List<String> runs = new ArrayList<>();
        List<String> studies = new ArrayList<>();
        List<String> reports = new ArrayList<>();
        for (int i = 0; i < roots.roots().size(); i++) {
            int index = i;
            Files.walkFileTree(roots.roots().get(i), EnumSet.noneOf(java.nio.file.FileVisitOption.class), MAX_DEPTH,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            if (Files.isRegularFile(dir.resolve("study.csv"))) {
                                studies.add(roots.idOf(index, dir));
                            }
                            if (Files.isRegularFile(dir.resolve("report.html"))
                                    && Files.isRegularFile(dir.resolve("checks.csv"))) {
                                reports.add(roots.idOf(index, dir));
                            }
                            if (Files.isRegularFile(dir.resolve("config.yaml"))) {
                                runs.add(roots.idOf(index, dir));
                                return FileVisitResult.SKIP_SUBTREE;
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
        }
        runs.sort(null);
        studies.sort(null);
        reports.sort(null);
        return new Found(runs, studies, reports);
    }
}
