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
 * The package layout is the pipeline {@code cli -> experiment -> { report, analysis, theory, train } ->
 * { model, estimator } -> data -> linalg}: every import of an {@code org.icldynamics} package points strictly down
 * it, and {@code theory} never imports {@code model} or {@code train}.
 */
class PackageLayoutTest {
    static final Map<String, Integer> LEVEL = Map.ofEntries(
            Map.entry("cli", 0), Map.entry("experiment", 1),
            Map.entry("report", 2), Map.entry("analysis", 2), Map.entry("theory", 2), Map.entry("train", 2),
            Map.entry("model", 3), Map.entry("estimator", 3),
            Map.entry("data", 4), Map.entry("linalg", 5));
    static final Map<String, Set<String>> FORBIDDEN = Map.of("theory", Set.of("model", "train"));
    private static final Pattern REF = Pattern.compile("\\borg\\.icldynamics\\.(\\w+)\\.");

    /** Every arrow of one source file against the pipeline, as messages. */
    static List<String> violations(String pkg, String file, String source) {
        List<String> out = new ArrayList<>();
        Integer from = LEVEL.get(pkg);
        if (from == null) {
            out.add(file + ": package " + pkg + " is not in the pipeline");
            return out;
        }
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
        Matcher m = REF.matcher(code);
        while (m.find()) {
            String to = m.group(1);
            if (to.equals(pkg)) {
                continue;
            }
            Integer level = LEVEL.get(to);
            if (level == null || level <= from || FORBIDDEN.getOrDefault(pkg, Set.of()).contains(to)) {
                out.add(file + ": " + pkg + " -> " + to);
            }
        }
        return out;
    }

    @Test
    void everyImportPointsDownThePipeline() throws IOException {
        Path root = Path.of("src/main/java/org/icldynamics");
        List<String> bad = new ArrayList<>();
        int files = 0;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Path rel = root.relativize(f);
                if (rel.getNameCount() < 2) {
                    continue;
                }
                files++;
                bad.addAll(violations(rel.getName(0).toString(), rel.toString(), Files.readString(f)));
            }
        }
        assertTrue(files > 20, "scanned " + files + " files");
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
    }
}
