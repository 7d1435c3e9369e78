package org.icldynamics.experiment.study;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.icldynamics.config.ConfigException;

/**
 * A study file's YAML tree with the line of every key and list element, so that each grid entry, range and zip
 * list can be named by {@code file:line} in messages. Paths are the keys from the root, joined by {@code /}
 * (grid keys contain dots), list elements as {@code [i]}.
 */
record StudyYaml(ObjectNode root, Map<String, Integer> lines, String source) {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** {@code source:line} of {@code path}, or of its nearest ancestor that has a line (line 1 when none has). */
    String at(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer l = lines.get(p);
            if (l != null) {
                return source + ":" + l;
            }
            int cut = Math.max(p.lastIndexOf('/'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return source + ":1";
    }

    static StudyYaml parse(String text, String source) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                throw new ConfigException(source + ":" + (t == null ? 1 : p.currentTokenLocation().getLineNr())
                        + ": a study must be a mapping with a sweep: section");
            }
            return new StudyYaml((ObjectNode) read(p, "", lines), lines, source);
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                    ? ":" + jpe.getLocation().getLineNr() : "";
            String m = String.valueOf(e.getMessage());
            throw new ConfigException(source + where + ": not valid YAML: " + m.lines().findFirst().orElse(m));
        }
    }

    private static JsonNode read(JsonParser p, String path, Map<String, Integer> lines) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String child = path.isEmpty() ? p.currentName() : path + "/" + p.currentName();
                    lines.put(child, p.currentTokenLocation().getLineNr());
                    String key = p.currentName();
                    p.nextToken();
                    o.set(key, read(p, child, lines));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String child = path + "[" + i++ + "]";
                    lines.put(child, p.currentTokenLocation().getLineNr());
                    a.add(read(p, child, lines));
                }
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return NODES.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new IOException("unexpected YAML token " + t);
        }
    }
}
