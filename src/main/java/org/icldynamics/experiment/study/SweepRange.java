package org.icldynamics.experiment.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.icldynamics.config.ConfigException;

/**
 * A range of values in a sweep, {@code {from: A, to: B, num: N, scale: linear|log}}: N values from A to B, both
 * included, evenly spaced (linear) or evenly spaced in the logarithm (log). When A and B are both integers the
 * values are rounded to integers ("integers stay integers"), and two values rounding to the same integer are an
 * error.
 */
final class SweepRange {
    private static final Set<String> KEYS = Set.of("from", "to", "num", "scale");

    private SweepRange() {
    }

    static List<JsonNode> read(StudyYaml yaml, String entry, String key, JsonNode node) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!KEYS.contains(f)) {
                throw new ConfigException(yaml.at(entry + "/" + f) + ": " + key + "." + f
                        + ": unknown key in a range; allowed: from, to, num, scale");
            }
        }
        JsonNode from = required(yaml, entry, key, node, "from");
        JsonNode to = required(yaml, entry, key, node, "to");
        JsonNode num = required(yaml, entry, key, node, "num");
        String numAt = yaml.at(entry + "/num");
        if (!num.isIntegralNumber() || num.asLong() < 1 || num.asLong() > 100_000) {
            throw new ConfigException(numAt + ": " + key + ".num = " + num + ": must be an integer >= 1");
        }
        String scale = node.has("scale") ? node.get("scale").asText() : "linear";
        if (!scale.equals("linear") && !scale.equals("log")) {
            throw new ConfigException(yaml.at(entry + "/scale") + ": " + key + ".scale = " + scale
                    + ": must be one of linear, log");
        }
        double a = from.asDouble();
        double b = to.asDouble();
        boolean log = scale.equals("log");
        if (log && (a <= 0 || b <= 0)) {
            throw new ConfigException(yaml.at(entry) + ": " + key + ": scale: log needs from and to > 0, got " + a
                    + " and " + b);
        }
        int n = num.asInt();
        boolean integers = from.isIntegralNumber() && to.isIntegralNumber();
        List<JsonNode> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double f = n == 1 ? 0 : (double) i / (n - 1);
            double v = i == n - 1 && n > 1 ? b
                    : log ? Math.exp(Math.log(a) + f * (Math.log(b) - Math.log(a))) : a + f * (b - a);
            if (integers) {
                long r = Math.round(v);
                if (!out.isEmpty() && out.get(out.size() - 1).asLong() == r) {
                    throw new ConfigException(numAt + ": " + key + ".num = " + n + ": integers from " + from.asLong()
                            + " to " + to.asLong() + " repeat (" + r + " twice); use fewer values");
                }
                out.add(SweepAxis.nodes().numberNode(r));
            } else {
                out.add(SweepAxis.nodes().numberNode(v));
            }
        }
        return out;
    }

    private static JsonNode required(StudyYaml yaml, String entry, String key, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber()) {
            throw new ConfigException(yaml.at(v == null ? entry : entry + "/" + field) + ": " + key + "." + field
                    + (v == null ? ": missing" : " = " + v + ": must be a number") + " (a range needs from, to, num)");
        }
        return v;
    }
}
