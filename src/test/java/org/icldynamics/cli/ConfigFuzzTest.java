package org.icldynamics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded fuzzing of the config path, in-process: {@link #CONFIGS} configs, each a preset shrunk to a few prompts and 5
 * steps, then mutated once or twice (a value replaced by one of {@link #VALUES} in the file or by {@code --set}, a
 * key deleted or misspelt, a section or key given twice, a second document, an empty, comment-only or cut-short file,
 * a section replaced by a scalar; {@code --set train.steps=5 --set eval.prompts=32} come first). Each either runs its 5 steps (exit 0, or 1 with status diverged) and leaves a
 * directory that {@code icl resume} handles, or exits 2 with one line naming the file and line or the {@code --set}
 * override, and leaves no directory. No stack trace, no raw exception, ever.
 */
class ConfigFuzzTest {
    static final int CONFIGS = Integer.getInteger("icl.fuzz.configs", 520);
    static final long SEED = 20261204L;
    /** Replacement values: valid small ones, out of range, wrong types, special floats, absurd sizes. */
    static final String[] VALUES = {"0", "-1", "1", "2", "3", "0.5", "2.5", "1e308", "-1e308", ".nan", ".inf", "-.inf",
        "2147483647", "2147483648", "99999999999999999999", "10000000", "abc", "''", "[1, 2]", "{a: 1}", "null", "true",
        "softmax", "linear", "sgd", "adam", "gd", "flow", "fixed", "minibatch", "transformer", "separate", "-0"};
    /** Keys that count steps or outputs: never given huge valid values (a 10^7-step run is valid, just long). */
    static final List<String> TIME_KEYS = List.of("train.steps", "train.flow.outputs", "train.flow.endTime",
            "train.warmupSteps", "train.logEvery");

    @TempDir
    Path tmp;

    record Outcome(int exit, String status) {
    }

    @Test
    void mutatedPresetsRunOrFailWithOneLineAndNeverLeaveAnUnresumableDirectory() throws IOException {
        List<Path> presets;
        try (Stream<Path> s = Files.list(Path.of("experiments"))) {
            presets = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        SplittableRandom rng = new SplittableRandom(SEED);
        int ran = 0;
        int refused = 0;
        int diverged = 0;
        for (int i = 0; i < CONFIGS; i++) {
            Path preset = presets.get(rng.nextInt(presets.size()));
            Outcome o = oneConfig(i, shrunk(preset), rng);
            if (o.exit() == 2) {
                refused++;
            } else if ("diverged".equals(o.status())) {
                diverged++;
            } else {
                ran++;
            }
        }
        System.err.printf("config fuzz: %d configs: %d ran 5 steps, %d diverged, %d refused with one line%n", CONFIGS,
                ran, diverged, refused);
        assertEquals(CONFIGS, ran + diverged + refused);
        assertTrue(ran >= CONFIGS / 20 && refused >= CONFIGS / 2, "both kinds are exercised: " + ran + "/" + refused);
    }

    private Outcome oneConfig(int i, ObjectNode base, SplittableRandom rng) throws IOException {
        String text = new YAMLMapper().writeValueAsString(base).replaceFirst("^---\\n", "");
        // steps and evaluation size first, so a deleted or cut-off key cannot fall back to the defaults' 20000 steps
        // on 80000 prompts; later --set mutations override them
        List<String> sets = new ArrayList<>(List.of("train.steps=5", "eval.prompts=32"));
        int mutations = 1 + rng.nextInt(2);
        for (int m = 0; m < mutations; m++) {
            text = mutate(text, sets, rng);
        }
        Path file = tmp.resolve("c" + i + ".yaml");
        Files.writeString(file, text);
        Path out = tmp.resolve("r" + i);
        List<String> args = new ArrayList<>(List.of("run", file.toString(), "--out", out.toString()));
        sets.forEach(s -> args.addAll(List.of("--set", s)));
        long t0 = System.nanoTime();
        CliRunner r = CliRunner.runReal(args.toArray(String[]::new));
        if (Boolean.getBoolean("icl.fuzz.debug")) {
            System.err.printf("fuzz %d: %d ms exit %d %s%n", i, (System.nanoTime() - t0) / 1_000_000, r.exit(),
                    r.err().lines().filter(l -> !l.startsWith("WARNING")).findFirst().orElse(""));
        }
        String what = "config " + i + ":\n" + text + "\nsets " + sets + "\nerr: " + r.err() + "\nout: " + r.out();
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat ") || r.err().contains("icl: failed"),
                what);
        if (r.exit() == 2) {
            List<String> lines = r.err().lines().filter(l -> !l.startsWith("WARNING")).toList();
            assertEquals(1, lines.size(), what);
            assertTrue(lines.get(0).matches("icl: error: (" + java.util.regex.Pattern.quote(file.toString())
                    + ":\\d+: .*|--set .*|" + java.util.regex.Pattern.quote(out.toString()) + ": .*)"), what);
            assertTrue(lines.get(0).length() <= 400, what);
            assertFalse(Files.exists(out) || Files.exists(tmp.resolve(".r" + i + ".partial")), what);
            return new Outcome(2, null);
        }
        assertTrue(r.exit() == 0 || r.exit() == 1, what);
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        String status = summary.get("status").asText();
        assertEquals(r.exit() == 0 ? "completed" : "diverged", status, what);
        CliRunner again = CliRunner.runReal("resume", out.toString());
        assertEquals(r.exit(), again.exit(), "resume handles it: " + again.err() + "\n" + what);
        return new Outcome(r.exit(), status);
    }

    /** The preset with 5 steps and a few prompts, so each run takes a moment. */
    private static ObjectNode shrunk(Path preset) throws IOException {
        ObjectNode root = (ObjectNode) new YAMLMapper().readTree(preset.toFile());
        ObjectNode train = root.with("train");
        train.put("steps", 5).put("threads", 1).put("logEvery", 1).put("evalEvery", 5).put("checkpointEvery", 2)
                .put("snapshots", 3);
        train.put("batch", Math.min(train.path("batch").asInt(16), 16));
        if (train.has("trainingSet")) {
            train.put("trainingSet", Math.min(train.get("trainingSet").asInt(), 48));
        }
        root.with("eval").put("prompts", Math.min(root.path("eval").path("prompts").asInt(32), 32));
        ObjectNode task = root.with("task");
        task.put("n", Math.min(task.path("n").asInt(8), 8));
        ObjectNode model = root.with("model");
        if (model.has("width")) {
            model.put("width", 8).put("layers", Math.min(model.path("layers").asInt(1), 2));
            if (model.path("heads").asInt() > 4) {
                model.put("heads", 4);
            }
        }
        return root;
    }

    private static String mutate(String text, List<String> sets, SplittableRandom rng) throws IOException {
        List<String> keys = leafKeys(text);
        int op = rng.nextInt(12);
        String key = keys.isEmpty() ? "train.lr" : keys.get(rng.nextInt(keys.size()));
        String value = VALUES[rng.nextInt(VALUES.length)];
        if (TIME_KEYS.contains(key) && (value.equals("10000000") || value.startsWith("2147") || value.startsWith("9999"))) {
            value = "3";
        }
        return switch (op) {
            case 0, 1, 2 -> setInText(text, key, value);
            case 3, 4 -> {
                sets.add(key + "=" + value);
                yield text;
            }
            case 5 -> setInText(text, key, null);
            case 6 -> {
                String typo = key.substring(0, key.length() - 1) + (char) ('a' + rng.nextInt(26));
                yield rng.nextBoolean() ? setInText(text, typo, value) : addSet(sets, typo + "=" + value, text);
            }
            case 7 -> text + (rng.nextBoolean() ? "model:\n  heads: 3\n" : "seed: 5\n");
            case 8 -> text + "---\nseed: 3\n";
            case 9 -> rng.nextBoolean() ? "" : "# only a comment\n";
            case 10 -> text.substring(0, rng.nextInt(text.length() + 1));
            default -> {
                String[] sections = {"task", "model", "train", "eval", "report"};
                yield setInText(text, sections[rng.nextInt(sections.length)], value);
            }
        };
    }

    private static String addSet(List<String> sets, String s, String text) {
        sets.add(s);
        return text;
    }

    /** {@code text} with dotted {@code key} set to YAML {@code value} (deleted when null); unparseable text as is. */
    private static String setInText(String text, String key, String value) throws IOException {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(text);
        } catch (IOException e) {
            return text;
        }
        if (!(root instanceof ObjectNode node)) {
            return text;
        }
        String[] parts = key.split("\\.");
        ObjectNode at = node;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode c = at.get(parts[i]);
            if (!(c instanceof ObjectNode)) {
                c = at.putObject(parts[i]);
            }
            at = (ObjectNode) c;
        }
        String leaf = parts[parts.length - 1];
        String out;
        if (value == null) {
            at.remove(leaf);
            out = new YAMLMapper().writeValueAsString(node);
        } else {
            at.put(leaf, "@@VALUE@@");
            out = new YAMLMapper().writeValueAsString(node).replace("\"@@VALUE@@\"", value);
        }
        return out.replaceFirst("^---\\n", "");
    }

    private static List<String> leafKeys(String text) {
        List<String> keys = new ArrayList<>();
        try {
            JsonNode root = new YAMLMapper().readTree(text);
            if (root instanceof ObjectNode o) {
                collect(o, "", keys);
            }
        } catch (IOException e) {
            // a cut or broken text has no keys to mutate
        }
        return keys;
    }

    private static void collect(ObjectNode o, String prefix, List<String> keys) {
        for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof ObjectNode c) {
                collect(c, k, keys);
            } else {
                keys.add(k);
            }
        }
    }
}
