package org.icldynamics.experiment.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.icldynamics.config.ConfigException;

/**
 * One dimension of a sweep: a grid key with its values, or a zip group of keys varied together (equal lengths).
 * The points of a study are the cartesian product of its axes, in file order.
 *
 * @param keys dotted config keys, e.g. {@code model.heads}
 * @param origins {@code file:line} of each key's entry
 * @param values {@code values.get(k).get(i)}: key k's value at position i
 * @param zip from {@code sweep.zip} (else one key of {@code sweep.grid})
 */
record SweepAxis(List<String> keys, List<String> origins, List<List<JsonNode>> values, boolean zip) {
    SweepAxis {
        keys = List.copyOf(keys);
        origins = List.copyOf(origins);
        values = values.stream().map(List::copyOf).toList();
    }

    int size() {
        return values.get(0).size();
    }

    /** The axes of {@code grid} (one per key) or of {@code zip} (one axis), read from {@code yaml} at {@code path}. */
    static List<SweepAxis> read(StudyYaml yaml, String path, boolean zip) {
        JsonNode section = yaml.root().at("/" + path);
        if (!section.isObject() || section.isEmpty()) {
            throw new ConfigException(yaml.at(path) + ": " + path.replace('/', '.')
                    + " must be a mapping of config keys to lists of values");
        }
        List<String> keys = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        List<List<JsonNode>> values = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = section.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String entry = path + "/" + e.getKey();
            keys.add(e.getKey());
            origins.add(yaml.at(entry));
            values.add(values(yaml, entry, e.getKey(), e.getValue()));
        }
        if (!zip) {
            List<SweepAxis> axes = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                axes.add(new SweepAxis(List.of(keys.get(i)), List.of(origins.get(i)), List.of(values.get(i)), false));
            }
            return axes;
        }
        for (int i = 1; i < keys.size(); i++) {
            if (values.get(i).size() != values.get(0).size()) {
                throw new ConfigException(origins.get(i) + ": sweep.zip." + keys.get(i) + " has "
                        + values.get(i).size() + " values but sweep.zip." + keys.get(0) + " (" + origins.get(0)
                        + ") has " + values.get(0).size() + ": zipped lists must have equal lengths");
            }
        }
        return List.of(new SweepAxis(keys, origins, values, true));
    }

    private static List<JsonNode> values(StudyYaml yaml, String entry, String key, JsonNode node) {
        String where = yaml.at(entry);
        if (!key.matches("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z][A-Za-z0-9]*)*")) {
            throw new ConfigException(where + ": '" + key + "' is not a config key (dotted, e.g. model.heads)");
        }
        if (node.isArray()) {
            if (node.isEmpty()) {
                throw new ConfigException(where + ": " + key + " = []: an empty list of values sweeps nothing");
            }
            List<JsonNode> out = new ArrayList<>();
            node.forEach(out::add);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < out.size(); i++) {
                if (!seen.add(out.get(i).toString())) {
                    throw new ConfigException(yaml.at(entry + "[" + i + "]") + ": " + key + " = " + out.get(i)
                            + ": listed twice");
                }
            }
            return out;
        }
        if (node.isObject()) {
            return SweepRange.read(yaml, entry, key, node);
        }
        throw new ConfigException(where + ": " + key + " = " + node + ": must be a list of values or a range "
                + "{from: A, to: B, num: N, scale: linear|log}");
    }

    /** A YAML value as an override's value text (JSON is YAML). */
    static String text(JsonNode v) {
        return v.toString();
    }

    /** A value for tables: strings without quotes, everything else as JSON. */
    static String display(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    static JsonNodeFactory nodes() {
        return JsonNodeFactory.instance;
    }
}
