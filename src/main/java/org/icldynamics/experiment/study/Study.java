package org.icldynamics.experiment.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.icldynamics.report.AtomicFiles;

/**
 * A study resolved for one invocation: the file, the {@code --set} overrides and every point. {@link #prepare}
 * writes {@code STUDY_DIR/study.yaml} (the study as resolved: it alone gives the same points, which is what Slurm
 * tasks read), {@link #collect} writes {@code study.csv} and the figures from the run directories.
 */
public record Study(StudyFile file, List<String> sets, List<StudyPoint> points) {
    public static final String FILE = "study.yaml";

    public Study {
        sets = List.copyOf(sets);
        points = List.copyOf(points);
    }

    /** Reads {@code file} and resolves every point (a bad point throws before anything runs). */
    public static Study load(Path file, List<String> sets) {
        StudyFile f = StudyFile.read(file);
        return new Study(f, sets, f.points(sets));
    }

    /** The study of a study directory, from its {@code study.yaml}. */
    public static Study ofDirectory(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new org.icldynamics.config.ConfigException(dir + ": not a study directory (no " + FILE + ")");
        }
        return load(f, List.of());
    }

    public List<String> keys() {
        return file.sweptKeys();
    }

    /** Creates the study directory and writes its {@code study.yaml}. */
    public void prepare(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("runs"));
        String text = file.resolvedYaml(sets);
        Path target = dir.resolve(FILE);
        if (!Files.exists(target) || !Files.readString(target).equals(text)) {
            AtomicFiles.writeString(target, text);
        }
    }

    /**
     * Writes {@code study.csv} and, when it changed or figures are missing, the figures.
     *
     * @param failures error messages of runs that failed in this invocation, by run id
     * @return the text of {@code study.csv}
     */
    public String collect(Path dir, Map<String, String> failures) throws IOException {
        Path csv = dir.resolve(StudyCsv.FILE);
        String before = Files.exists(csv) ? Files.readString(csv) : null;
        String text = StudyCsv.write(dir, keys(), points, failures);
        Path figures = dir.resolve("figures");
        boolean drawn = false;
        if (Files.isDirectory(figures)) {
            try (java.util.stream.Stream<Path> f = Files.list(figures)) {
                drawn = f.findAny().isPresent();
            }
        }
        if (!text.equals(before) || !drawn) {
            StudyFigures.write(dir, keys(), points);
        }
        return text;
    }

    /** How many runs are in each state now ({@code completed}, {@code diverged}, ..., see {@link StudyCsv}). */
    public Map<String, Integer> counts(Path dir, Map<String, String> failures) throws IOException {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (String row : StudyCsv.render(dir, keys(), points, failures).lines().skip(1).toList()) {
            List<List<String>> cells = org.icldynamics.report.Csv.parse(row);
            String status = cells.get(0).get(keys().size() + 2);
            out.merge(status, 1, Integer::sum);
        }
        return out;
    }
}
