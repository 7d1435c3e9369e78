package org.icldynamics.experiment.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.icldynamics.data.RandomStreams;
import org.icldynamics.config.ConfigException;
import org.icldynamics.config.YamlText;
import org.icldynamics.experiment.ConfigYaml;
import org.icldynamics.experiment.ConfigYaml.Assignment;
import org.icldynamics.experiment.ExperimentSpec;

/**
 * A study file: a config (optionally on top of a {@code base:} config, path relative to the study file) with a
 * {@code sweep:} section of {@code grid} (cartesian product), {@code zip} (varied together) and {@code seeds}
 * (replicates per point, seeds drawn from stream {@code "study-seeds"} of the config's {@code seed}). Every problem
 * is a {@link ConfigException} naming {@code file:line}, the key and the value.
 */
public final class StudyFile {
    /** Top-level keys that belong to the study, not to the config. */
    static final Set<String> STUDY_KEYS = Set.of("name", "base", "sweep");
    private static final Set<String> SWEEP_KEYS = Set.of("grid", "zip", "seeds");

    private final Path file;
    private final String name;
    private final Path base;
    private final List<SweepAxis> axes;
    private final int seeds;
    private final String seedsOrigin;

    private StudyFile(Path file, String name, Path base, List<SweepAxis> axes, int seeds, String seedsOrigin) {
        this.file = file;
        this.name = name;
        this.base = base;
        this.axes = List.copyOf(axes);
        this.seeds = seeds;
        this.seedsOrigin = seedsOrigin;
    }

    /** Reads and checks the sweep section (the points are resolved by {@link #points}). */
    public static StudyFile read(Path file) {
        String text = YamlText.read(file, "study");
        StudyYaml yaml = StudyYaml.parse(text, file.toString());
        ObjectNode root = yaml.root();
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = root.has("name") ? root.get("name").asText() : stem;
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new ConfigException(yaml.at("name") + ": name = " + name + ": must be letters, digits, . _ -");
        }
        Path base = null;
        if (root.has("base")) {
            JsonNode b = root.get("base");
            if (!b.isTextual() || b.asText().isBlank()) {
                throw new ConfigException(yaml.at("base") + ": base = " + b + ": must be a path to a config file");
            }
            Path dir = file.toAbsolutePath().getParent();
            base = dir.resolve(b.asText()).normalize();
            if (!Files.isRegularFile(base)) {
                throw new ConfigException(yaml.at("base") + ": base = " + b.asText() + ": no such config file ("
                        + base + ")");
            }
        }
        JsonNode sweep = root.get("sweep");
        if (sweep == null || !sweep.isObject()) {
            throw new ConfigException(yaml.at("sweep") + ": a study needs a sweep: section with grid:, zip: or seeds:");
        }
        for (Iterator<String> it = sweep.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!SWEEP_KEYS.contains(k)) {
                throw new ConfigException(yaml.at("sweep/" + k) + ": sweep." + k
                        + ": unknown key; allowed in sweep: grid, zip, seeds");
            }
        }
        List<SweepAxis> axes = new ArrayList<>();
        if (sweep.has("grid")) {
            axes.addAll(SweepAxis.read(yaml, "sweep/grid", false));
        }
        if (sweep.has("zip")) {
            axes.addAll(SweepAxis.read(yaml, "sweep/zip", true));
        }
        int seeds = 0;
        if (sweep.has("seeds")) {
            JsonNode s = sweep.get("seeds");
            if (!s.isIntegralNumber() || s.asLong() < 1 || s.asLong() > 100_000) {
                throw new ConfigException(yaml.at("sweep/seeds") + ": sweep.seeds = " + s
                        + ": must be an integer >= 1 (replicates per point)");
            }
            seeds = s.asInt();
        }
        List<String> keys = new ArrayList<>();
        for (SweepAxis a : axes) {
            for (int i = 0; i < a.keys().size(); i++) {
                if (keys.contains(a.keys().get(i)) || a.keys().get(i).equals("seed") && seeds > 0) {
                    throw new ConfigException(a.origins().get(i) + ": " + a.keys().get(i) + ": swept twice"
                            + (seeds > 0 ? " (sweep.seeds sets seed)" : ""));
                }
                keys.add(a.keys().get(i));
            }
        }
        if (axes.isEmpty() && seeds == 0) {
            throw new ConfigException(yaml.at("sweep") + ": the sweep is empty: give grid:, zip: or seeds:");
        }
        return new StudyFile(file, name, base, axes, seeds, yaml.at("sweep/seeds"));
    }

    public Path file() {
        return file;
    }

    /** The {@code base:} config (absolute, normalized), or null. */
    public Path base() {
        return base;
    }

    /** The study's name ({@code name:}, else the file name without {@code .yaml}). */
    public String name() {
        return name;
    }

    /** The swept keys in column order (grid keys, then zip keys). */
    public List<String> sweptKeys() {
        List<String> keys = new ArrayList<>();
        axes.forEach(a -> keys.addAll(a.keys()));
        return keys;
    }

    /** Replicates per point (0: no {@code seeds:}, the config's own seed). */
    public int seeds() {
        return seeds;
    }

    /** The number of runs. */
    public int size() {
        int n = Math.max(1, seeds);
        for (SweepAxis a : axes) {
            n = Math.multiplyExact(n, a.size());
        }
        return n;
    }

    /**
     * Every point resolved and validated (defaults, base, this file, {@code sets}, the point's values, its seed);
     * the first bad point throws with the line of its grid entry, the key and the value.
     *
     * @param sets {@code KEY=VALUE} overrides applied to every point (a swept key cannot be set)
     */
    public List<StudyPoint> points(List<String> sets) {
        List<Assignment> common = assignments(sets);
        ConfigYaml.Layers layers = ConfigYaml.layers(base, file, STUDY_KEYS);
        Long sharedSeed = null; // the replicates' parent seed, the same at every point unless seed itself is swept
        List<StudyPoint> out = new ArrayList<>();
        int[] pos = new int[axes.size()];
        int count = size() / Math.max(1, seeds);
        for (int p = 0; p < count; p++) {
            int rest = p;
            for (int a = axes.size() - 1; a >= 0; a--) {
                pos[a] = rest % axes.get(a).size();
                rest /= axes.get(a).size();
            }
            List<Assignment> as = new ArrayList<>(common);
            List<String> shown = new ArrayList<>();
            for (int a = 0; a < axes.size(); a++) {
                SweepAxis axis = axes.get(a);
                for (int k = 0; k < axis.keys().size(); k++) {
                    JsonNode v = axis.values().get(k).get(pos[a]);
                    as.add(new Assignment(axis.keys().get(k), SweepAxis.text(v), axis.origins().get(k)));
                    shown.add(SweepAxis.display(v));
                }
            }
            as.add(new Assignment("train.threads", "1", "study (threads do not change results)"));
            if (seeds == 0) {
                out.add(StudyPoint.of(out.size(), shown, resolve(layers, as, shown)));
                continue;
            }
            if (sharedSeed == null || sweptKeys().contains("seed")) {
                sharedSeed = resolve(layers, as, shown).seed();
            }
            RandomStreams streams = new RandomStreams(sharedSeed);
            for (int r = 0; r < seeds; r++) {
                long seed = streams.stream("study-seeds", r).nextLong(1, 1L << 31);
                List<Assignment> withSeed = new ArrayList<>(as);
                withSeed.add(new Assignment("seed", Long.toString(seed), seedsOrigin));
                out.add(StudyPoint.of(out.size(), shown, resolve(layers, withSeed, shown)));
            }
        }
        return out;
    }

    /** The values of the swept key {@code key} in grid order, as YAML text ({@code 4}, {@code 0.1}, {@code "a"}). */
    public List<String> values(String key) {
        for (SweepAxis a : axes) {
            int i = a.keys().indexOf(key);
            if (i >= 0) {
                return a.values().get(i).stream().map(SweepAxis::text).toList();
            }
        }
        throw new ConfigException(file + ": " + key + " is not swept (swept: " + sweptKeys() + ")");
    }

    /**
     * One config of this study chosen by the caller: the embedded defaults, {@code base:}, this file's own keys, then
     * {@code assignments} ({@code KEY=VALUE}, swept keys included), without the sweep. Figure presets that read their
     * run grid from a study file resolve their runs with it.
     */
    public ExperimentSpec config(List<String> assignments) {
        List<Assignment> as = new ArrayList<>();
        for (String s : assignments) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(file + ": " + s + ": expected key=value");
            }
            as.add(new Assignment(s.substring(0, eq).trim(), s.substring(eq + 1).trim(), file + " (" + s + ")"));
        }
        return ConfigYaml.layers(base, file, STUDY_KEYS).bind(as);
    }

    private ExperimentSpec resolve(ConfigYaml.Layers layers, List<Assignment> as, List<String> shown) {
        try {
            return layers.bind(as);
        } catch (ConfigException e) {
            List<String> keys = sweptKeys();
            StringBuilder at = new StringBuilder();
            for (int i = 0; i < keys.size(); i++) {
                at.append(i == 0 ? "" : ", ").append(keys.get(i)).append('=').append(shown.get(i));
            }
            throw new ConfigException(e.getMessage() + (keys.isEmpty() ? "" : " (at the point " + at + ")"));
        }
    }

    private List<Assignment> assignments(List<String> sets) {
        List<Assignment> out = new ArrayList<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException("--set " + s + ": expected key=value, e.g. --set train.steps=200");
            }
            String key = s.substring(0, eq).trim();
            for (SweepAxis a : axes) {
                int i = a.keys().indexOf(key);
                if (i >= 0) {
                    throw new ConfigException("--set " + s + ": " + key + " is swept by the study ("
                            + a.origins().get(i) + "); change the sweep instead");
                }
            }
            out.add(new Assignment(key, s.substring(eq + 1).trim(), "--set " + s));
        }
        return out;
    }

    /**
     * The study as resolved, for {@code STUDY_DIR/study.yaml}: its name, the sweep with every range expanded, and
     * the full config of the first point without its seed replicate (base merged, {@code sets} applied), so the
     * file alone gives the same points.
     */
    public String resolvedYaml(List<String> sets) {
        List<Assignment> as = new ArrayList<>(assignments(sets));
        for (SweepAxis a : axes) {
            for (int k = 0; k < a.keys().size(); k++) {
                as.add(new Assignment(a.keys().get(k), SweepAxis.text(a.values().get(k).get(0)), a.origins().get(k)));
            }
        }
        as.add(new Assignment("train.threads", "1", "study"));
        ExperimentSpec first = resolve(ConfigYaml.layers(base, file, STUDY_KEYS), as,
                sweptKeys().stream().map(k -> "").toList());
        YAMLMapper m = YAMLMapper.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build();
        try {
            ObjectNode out = m.createObjectNode();
            out.put("name", name);
            ObjectNode sweep = out.putObject("sweep");
            for (SweepAxis a : axes) {
                String group = a.zip() ? "zip" : "grid";
                ObjectNode target = sweep.has(group) ? (ObjectNode) sweep.get(group) : sweep.putObject(group);
                for (int k = 0; k < a.keys().size(); k++) {
                    target.putArray(a.keys().get(k)).addAll(a.values().get(k));
                }
            }
            if (seeds > 0) {
                sweep.put("seeds", seeds);
            }
            out.setAll((ObjectNode) m.readTree(ConfigYaml.write(first)));
            return "# resolved from " + file.toAbsolutePath().normalize() + "\n" + m.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
