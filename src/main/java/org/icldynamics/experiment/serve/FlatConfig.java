package org.icldynamics.experiment.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/** A run's {@code config.yaml} as dotted keys ({@code model.heads}) to their text values, for tables and filters. */
public final class FlatConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private FlatConfig() {
    }

    public static Map<String, String> read(Path configYaml) throws IOException {
        Map<String, String> out = new TreeMap<>();
        flatten("", YAML.readTree(configYaml.toFile()), out);
        return out;
    }

    static void flatten(String prefix, JsonNode n, Map<String, String> out) {
        if (n == null) {
            return;
        }
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (n.isArray()) {
            out.put(prefix, n.toString());
        } else if (!prefix.isEmpty()) {
            out.put(prefix, n.isNull() ? "" : n.asText());
        }
    }
}
