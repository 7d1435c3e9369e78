package org.icldynamics.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A YAML tree together with where each key came from: {@code "file.yaml:12"} or {@code "--set train.lr=0.1"}.
 * Paths are dotted keys with list indices, e.g. {@code report.references[0].label}.
 */
public final class LocatedTree {
    private static final YAMLFactory YAML = new YAMLFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectNode root;
    private final Map<String, String> origins;

    private LocatedTree(ObjectNode root, Map<String, String> origins) {
        this.root = root;
        this.origins = origins;
    }

    public ObjectNode root() {
        return root;
    }

    /** Where {@code path} (or its nearest ancestor) was set; {@code fallback} if nowhere. */
    public String origin(String path, String fallback) {
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

    /**
     * Parses {@code text}, strictly: one YAML document holding a mapping, no key twice in one mapping, not empty.
     * {@code .nan}, {@code .inf} and {@code -.inf} are read as numbers (the range checks then reject them).
     * {@code source} names it in messages (a file name).
     */
    public static LocatedTree parse(String text, String source) {
        Map<String, String> origins = new HashMap<>();
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null || t == JsonToken.VALUE_NULL && p.nextToken() == null) {
                throw new ConfigException(source + ":1: the config file is empty (or only comments); list at least "
                        + "one key that differs from the defaults (seed, task, model, train, eval, report)");
            }
            if (t != JsonToken.START_OBJECT) {
                throw new ConfigException(source + ":" + p.currentTokenLocation().getLineNr()
                        + ": the config must be a mapping of keys (seed, task, model, train, eval, report)");
            }
            ObjectNode root = (ObjectNode) read(p, "", source, origins);
            JsonToken after = p.nextToken();
            if (after != null) {
                throw new ConfigException(source + ":" + p.currentTokenLocation().getLineNr()
                        + ": a second YAML document (after '---'); a config file holds exactly one");
            }
            return new LocatedTree(root, origins);
        } catch (IOException e) {
            throw invalid(source, e);
        } catch (NumberFormatException e) {
            throw new ConfigException(source + ": not valid YAML: a malformed number");
        }
    }

    /** Reads one YAML value of a {@code --set} override (any kind of root), with the same rules as a file. */
    static JsonNode parseValue(String text, String origin) {
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return NODES.nullNode();
            }
            JsonNode v = read(p, "", origin, new HashMap<>());
            if (p.nextToken() != null) {
                throw new ConfigException(origin + ": the value holds a second YAML document");
            }
            return v;
        } catch (IOException e) {
            throw new ConfigException(origin + ": the value is not valid YAML: "
                    + ConfigException.shorten(firstLine(e.getMessage())));
        }
    }

    private static ConfigException invalid(String source, IOException e) {
        String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                && jpe.getLocation() != null ? ":" + jpe.getLocation().getLineNr() : "";
        return new ConfigException(source + where + ": not valid YAML: " + ConfigException.shorten(firstLine(
                e.getMessage())));
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
                    String here = source + ":" + p.currentTokenLocation().getLineNr();
                    if (o.has(key)) {
                        throw new ConfigException(here + ": " + ConfigException.shorten(child) + ": "
                                + (path.isEmpty() ? "section" : "key") + " given twice (first at "
                                + origins.get(child) + "); merge the two into one");
                    }
                    origins.put(child, here);
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
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? NODES.numberNode(p.getBigIntegerValue())
                        : NODES.numberNode(p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(floatValue(p.getText()));
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

    /** A YAML float: decimal or exponent form, or the special values {@code .nan}, {@code .inf}, {@code -.inf}. */
    private static double floatValue(String text) {
        String s = text.trim().toLowerCase(java.util.Locale.ROOT).replace("_", "");
        return switch (s) {
            case ".nan" -> Double.NaN;
            case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
            case "-.inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** Deep-merges {@code top} onto this tree (mappings merge, lists and scalars replace); returns a new tree. */
    public LocatedTree merge(LocatedTree top) {
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
    public LocatedTree override(String assignment) {
        String origin = "--set " + ConfigException.shorten(assignment);
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException(origin + ": expected key=value, e.g. --set train.lr=0.02");
        }
        return override(assignment.substring(0, eq).trim(), assignment.substring(eq + 1).trim(), origin);
    }

    /** Sets {@code key} to {@code text} (read as YAML); messages about it name {@code origin}. */
    public LocatedTree override(String key, String text, String origin) {
        JsonNode value = text.isEmpty() ? NODES.nullNode() : parseValue(text, origin);
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
            if (child != null && !child.isNull() && !(child instanceof ObjectNode)) {
                throw new ConfigException(origin(prefix, origin) + ": " + prefix + " = "
                        + ConfigException.shorten(child.toString()) + ": must be a mapping of keys, so " + origin
                        + " cannot set a key inside it");
            }
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
