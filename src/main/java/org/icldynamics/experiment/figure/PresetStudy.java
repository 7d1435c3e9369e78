package org.icldynamics.experiment.figure;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.icldynamics.experiment.study.StudyFile;

/**
 * A figure preset's run grid read from its study file under {@code experiments/studies/}, the one place the grid is
 * written (the same file runs with {@code icl sweep}). A request names the study file as its config and the point's
 * swept value as its first override; {@link FigureRunner#spec} resolves it as the study resolves that point.
 */
final class PresetStudy {
    /** The folder of study files under {@code experiments/}. */
    static final String DIR = "studies";

    private PresetStudy() {
    }

    /** {@code experiments/studies/NAME} of this installation ({@code icl.home}, else the working directory). */
    static Path file(String name) {
        return Path.of(System.getProperty("icl.home", "."), "experiments", DIR, name);
    }

    /** True when a request's config is a study file (resolved by {@link StudyFile#config}). */
    static boolean isStudy(String config) {
        return config.startsWith(DIR + "/");
    }

    /** The values of the study's single swept key, in grid order. */
    static List<String> values(String name) {
        StudyFile f = StudyFile.read(file(name));
        return f.values(sweptKey(f));
    }

    /**
     * One request per point of the study {@code name} (a single swept key): id {@code idPrefix + value}, config the
     * study file, overrides {@code KEY=value} then {@code more}.
     */
    static List<RunRequest> requests(String name, String idPrefix, List<String> more) {
        StudyFile f = StudyFile.read(file(name));
        String key = sweptKey(f);
        List<RunRequest> out = new ArrayList<>();
        for (String v : f.values(key)) {
            List<String> o = new ArrayList<>(List.of(key + "=" + v));
            o.addAll(more);
            out.add(new RunRequest(idPrefix + v, DIR + "/" + name, o));
        }
        return out;
    }

    private static String sweptKey(StudyFile f) {
        if (f.sweptKeys().size() != 1 || f.seeds() != 0) {
            throw new IllegalStateException(f.file() + ": a preset's study sweeps exactly one key and no seeds, got "
                    + f.sweptKeys() + (f.seeds() != 0 ? " and seeds" : ""));
        }
        return f.sweptKeys().get(0);
    }
}
