package org.icldynamics.experiment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A YAML tree together with where each key came from: {@code "file.yaml:12"} or {@code "--set train.lr=0.1"}.
 * Paths are dotted keys with list indices, e.g. {@code report.references[0].label}.
 */
final class LocatedTree {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper VALUES = new YAMLMapper();

    private final ObjectNode root;
    private final Map<String, String> origins;

    private LocatedTree(ObjectNode root, Map<String, String> origins) {
        this.root = root;
        this.origins = origins;
    }

    ObjectNode root() {
        return root;
    }

    /** Where {@code path} (or its nearest ancestor) was set; {@code fallback} if nowhere. */
    String origin(String path, String fallback) {
        String p = path;
        while (!p.isEmpty()) {
            String o = origins.get(p);
            if (o != null) {
                return o;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return fallback;
    }

    /** Parses {@code text}; {@code source} names it in messages (a file name). */
    static LocatedTree parse(String text, String source) {
        Map<String, String> origins = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return new LocatedTree(NODES.objectNode(), origins);
            }
            if (t != JsonToken.START_OBJECT) {
                throw new ConfigException(source + ":" + p.currentTokenLocation().getLineNr()
                        + ": the config must be a mapping of keys (seed, task, model, train, eval, report)");
            }
            return new LocatedTree((ObjectNode) read(p, "", source, origins), origins);
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    && jpe.getLocation() != null ? ":" + jpe.getLocation().getLineNr() : "";
            throw new ConfigException(source + where + ": not valid YAML: " + firstLine(e.getMessage()));
        }
    }

    private static JsonNode read(JsonParser p, String path, String source, Map<String, String> origins)
            throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String child = path.isEmpty() ? key : path + "." + key;
                    origins.put(child, source + ":" + p.currentTokenLocation().getLineNr());
                    p.nextToken();
                    o.set(key, read(p, child, source, origins));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    String child = path + "[" + i++ + "]";
                    origins.put(child, source + ":" + p.currentTokenLocation().getLineNr());
                    a.add(read(p, child, source, origins));
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
            default -> throw new ConfigException(source + ":" + p.currentTokenLocation().getLineNr()
                    + ": unexpected YAML token " + t);
        }
    }

    /** Deep-merges {@code top} onto this tree (mappings merge, lists and scalars replace); returns a new tree. */
    LocatedTree merge(LocatedTree top) {
        ObjectNode merged = root.deepCopy();
        mergeInto(merged, top.root);
        Map<String, String> o = new HashMap<>(origins);
        o.keySet().removeIf(k -> k.contains("[") && top.origins.containsKey(k.substring(0, k.indexOf('['))));
        o.putAll(top.origins);
        return new LocatedTree(merged, o);
    }

    private static void mergeInto(ObjectNode base, ObjectNode top) {
        for (Iterator<Map.Entry<String, JsonNode>> it = top.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode old = base.get(e.getKey());
            if (old instanceof ObjectNode oo && e.getValue() instanceof ObjectNode no) {
                mergeInto(oo, no);
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** Applies {@code key=value} (value read as YAML, so numbers, lists and words keep their types). */
    LocatedTree override(String assignment) {
        String origin = "--set " + assignment;
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(origin + ": expected key=value, e.g. --set train.lr=0.02");
        }
        return override(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim(), origin);
    }

    /** Sets {@code key} to {@code text} (read as YAML); messages about it name {@code origin}. */
    LocatedTree override(String key, String text, String origin) {
        JsonNode value;
        try {
            value = text.isEmpty() ? NODES.nullNode() : VALUES.readTree(text);
        } catch (IOException e) {
            throw new ConfigException(origin + ": the value is not valid YAML: " + firstLine(e.getMessage()));
        }
        if (value == null || value.isMissingNode()) {
            value = NODES.nullNode();
        }
        ObjectNode merged = root.deepCopy();
        String[] parts = key.split("\\.");
        ObjectNode node = merged;
        Map<String, String> o = new HashMap<>(origins);
        o.keySet().removeIf(k -> k.startsWith(key + "[") || k.startsWith(key + "."));
        String prefix = "";
        for (int i = 0; i < parts.length - 1; i++) {
            prefix = prefix.isEmpty() ? parts[i] : prefix + "." + parts[i];
            o.putIfAbsent(prefix, origin);
            JsonNode child = node.get(parts[i]);
            if (!(child instanceof ObjectNode)) {
                child = node.putObject(parts[i]);
                o.put(prefix, origin);
            }
            node = (ObjectNode) child;
        }
        node.set(parts[parts.length - 1], value);
        o.put(key, origin);
        return new LocatedTree(merged, o);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
