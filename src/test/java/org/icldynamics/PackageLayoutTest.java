package org.icldynamics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layout is the pipeline
 * <pre>
 * cli -> experiment.serve -> experiment.figure -> { experiment.study, experiment.inspect, experiment.bench }
 *     -> experiment.run -> experiment -> { report, analysis, theory, train } -> { model, estimator } -> data
 *     -> linalg -> config
 * </pre>
 * every import of an {@code org.icldynamics} package, in main and test sources alike, points strictly down it;
 * {@code theory} never imports {@code model} or {@code train}; {@code config} (YAML, binding, schema, {@code @Doc})
 * is a leaf; {@code cli} imports only what it drives: never a model or a kernel; and the main sources of
 * {@code analysis} see models only through the {@code Model} interfaces, never a concrete architecture. A test may in addition use a
 * package of its own level as an oracle (an analysis test checks against a closed form of {@code theory}), never one
 * above it.
 */
class PackageLayoutTest {
    static final Map<String, Integer> LEVEL = Map.ofEntries(
            Map.entry("cli", 0), Map.entry("experiment.serve", 1), Map.entry("experiment.figure", 2),
            Map.entry("experiment.study", 3), Map.entry("experiment.inspect", 3), Map.entry("experiment.bench", 3),
            Map.entry("experiment.run", 4), Map.entry("experiment", 5),
            Map.entry("report", 6), Map.entry("analysis", 6), Map.entry("theory", 6), Map.entry("train", 6),
            Map.entry("model", 7), Map.entry("estimator", 7),
            Map.entry("data", 8), Map.entry("linalg", 9), Map.entry("config", 10));
    static final Map<String, Set<String>> FORBIDDEN = Map.of("theory", Set.of("model", "train"),
            "cli", Set.of("model", "linalg"));
    /** Packages whose main sources see models only through the {@code model.Model} interfaces, never a concrete one. */
    static final Set<String> MODEL_BY_INTERFACE = Set.of("analysis");
    private static final Pattern CONCRETE_MODEL = Pattern.compile(
            "\\borg\\.icldynamics\\.model\\.(Transformer|OneLayerAttention|CubicFeatureNetwork)\\b");
    /** A reference to a class of the project: its package (lower-case segments) before the class name. */
    private static final Pattern REF = Pattern.compile("\\borg\\.icldynamics\\.((?:[a-z]\\w*\\.)+)[A-Z*]");

    /** Every arrow of one main source file against the pipeline, as messages. */
    static List<String> violations(String pkg, String file, String source) {
        return violations(pkg, file, source, false);
    }

    /** Every arrow of one source file against the pipeline; a test may also use packages of its own level. */
    static List<String> violations(String pkg, String file, String source, boolean test) {
        List<String> out = new ArrayList<>();
        Integer from = LEVEL.get(pkg);
        if (from == null) {
            out.add(file + ": package " + pkg + " is not in the pipeline");
            return out;
        }
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Matcher m = REF.matcher(code);
        while (m.find()) {
            String to = m.group(1).substring(0, m.group(1).length() - 1);
            if (to.equals(pkg)) {
                continue;
            }
            Integer level = LEVEL.get(to);
            if (level == null || level < from || level == from && !test || FORBIDDEN.getOrDefault(pkg, Set.of()).contains(to)) {
                out.add(file + ": " + pkg + " -> " + to);
            }
        }
        Matcher concrete = CONCRETE_MODEL.matcher(code);
        if (!test && MODEL_BY_INTERFACE.contains(pkg) && concrete.find()) {
            out.add(file + ": " + pkg + " -> concrete model " + concrete.group(1));
        }
        return out;
    }

    /** The violations of every file under {@code root} (files directly in it, such as this test, are skipped). */
    private static List<String> scan(Path root, int[] files, boolean test) throws IOException {
        List<String> bad = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue;
                }
                files[0]++;
                String pkg = rel.getParent().toString().replace(java.io.File.separatorChar, '.');
                bad.addAll(violations(pkg, rel.toString(), Files.readString(f), test));
            }
        }
        return bad;
    }

    @Test
    void everyImportOfMainAndTestSourcesPointsDownThePipeline() throws IOException {
        int[] main = {0};
        int[] test = {0};
        List<String> bad = new ArrayList<>(scan(Path.of("src/main/java/org/icldynamics"), main, false));
        bad.addAll(scan(Path.of("src/test/java/org/icldynamics"), test, true));
        assertTrue(main[0] > 200 && test[0] > 100, "scanned " + main[0] + " main and " + test[0] + " test files");
        assertEquals(List.of(), bad);
    }

    @Test
    void theCheckCatchesUpwardSidewaysAndForbiddenArrows() {
        assertEquals(1, violations("data", "x", "import org.icldynamics.model.Model;").size());
        assertEquals(1, violations("train", "x", "import org.icldynamics.report.AxisScale;").size());
        assertEquals(1, violations("theory", "x", "import org.icldynamics.model.Model;").size());
        assertEquals(1, violations("linalg", "x", "x = org.icldynamics.data.Normals.class;").size());
        assertEquals(0, violations("cli", "x", "import org.icldynamics.train.LogRecord;\n// org.icldynamics.cli.X").size());
        assertEquals(0, violations("theory", "x", "import org.icldynamics.data.Covariance;").size());
        // the levels inside experiment: run reads the experiment, never the reverse; studies and inspection are
        // siblings; the leaf config imports nothing of the project
        assertEquals(0, violations("experiment.run", "x", "import org.icldynamics.experiment.ConfigYaml;").size());
        assertEquals(1, violations("experiment", "x", "import org.icldynamics.experiment.run.RunReader;").size());
        assertEquals(1, violations("experiment.study", "x", "import org.icldynamics.experiment.inspect.X;").size());
        assertEquals(1, violations("config", "x", "import org.icldynamics.linalg.Dense;").size());
        assertEquals(0, violations("model", "x", "import org.icldynamics.config.Doc;").size());
        assertEquals(1, violations("cli", "x", "import org.icldynamics.model.Transformer;").size());
        assertEquals(1, violations("cli", "x", "import static org.icldynamics.linalg.Dense.*;").size());
        assertEquals(1, violations("experiment.nowhere", "x", "").size());
        // analysis sees models through the interfaces only (tests may build concrete ones)
        assertEquals(1, violations("analysis", "x", "import org.icldynamics.model.Transformer;").size());
        assertEquals(0, violations("analysis", "x", "import org.icldynamics.model.ResidualStreamModel;").size());
        assertEquals(0, violations("analysis", "x", "import org.icldynamics.model.Transformer;", true).size());
        // tests: a sibling as an oracle, but nothing above and nothing forbidden
        assertEquals(0, violations("analysis", "x", "import org.icldynamics.theory.OneStepGdRisk;", true).size());
        assertEquals(1, violations("analysis", "x", "import org.icldynamics.theory.OneStepGdRisk;").size());
        assertEquals(1, violations("model", "x", "import org.icldynamics.experiment.ConfigYaml;", true).size());
        assertEquals(1, violations("theory", "x", "import org.icldynamics.train.Adam;", true).size());
    }
}
