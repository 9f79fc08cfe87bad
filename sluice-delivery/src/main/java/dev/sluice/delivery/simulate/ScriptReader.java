package dev.sluice.delivery.simulate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Yaml;
import dev.sluice.api.YamlDocument;
import dev.sluice.delivery.canary.ManualCommand;
import dev.sluice.delivery.canary.MetricOutcome;
import dev.sluice.delivery.metrics.MetricResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a simulation script (YAML or JSON). Every key is optional:
 *
 * <pre>
 * successRate: 99          # request-success-rate, percent, every tick
 * latencyMs: 120           # request-duration (P99), milliseconds
 * metrics:                 # other metrics by name (MetricTemplate or inline query)
 *   error-rate: 0.4
 * webhooks:                # by name: pass or fail (unnamed hooks pass)
 *   approve: fail
 * maxTicks: 500            # stop after this many ticks (default 1000)
 * ticks:                   # overrides; tick 0 detects the new revision
 *   - at: 3                # this tick only
 *     successRate: no-data
 *   - from: 5              # from this tick on (until "to", inclusive, if given)
 *     to: 8
 *     webhooks: {approve: pass}
 *     canary: waiting      # ready | waiting | failed
 *     primary: ready
 *   - at: 9
 *     newRevision: true    # a new pod template in the target
 *     command: abort       # promote | abort | retry | pause | resume
 * </pre>
 *
 * A metric value is a number or one of {@code no-data}, {@code nan}, {@code multiple} (insufficient
 * data) and {@code error} or {@code "error: <message>"} (the query fails).
 */
final class ScriptReader {

    private static final Set<String> TOP = Set.of("successRate", "latencyMs", "metrics", "webhooks", "canary",
            "primary", "maxTicks", "ticks");
    private static final Set<String> TICK = Set.of("at", "from", "to", "successRate", "latencyMs", "metrics",
            "webhooks", "canary", "primary", "newRevision", "command");
    private static final Set<String> READINESS = Set.of("ready", "waiting", "failed");

    private final List<Diagnostic> errors = new ArrayList<>();

    private ScriptReader() {
    }

    static SimulationScript read(String text, String source) {
        YamlDocument doc = Yaml.readOne(text, source);
        ScriptReader r = new ScriptReader();
        JsonNode root = doc.content();
        SimulationScript script = null;
        if (!root.isObject()) {
            r.error(FieldPath.root(), "expected a mapping of successRate, latencyMs, metrics, webhooks, maxTicks and "
                    + "ticks, got " + root.getNodeType().toString().toLowerCase(Locale.ROOT));
        } else {
            script = r.script(root);
        }
        if (!r.errors.isEmpty()) {
            throw new InvalidInputException(r.errors.stream().map(doc::locate).toList());
        }
        return script;
    }

    private SimulationScript script(JsonNode root) {
        unknown(root, FieldPath.root(), TOP);
        TickInputs defaults = TickInputs.HEALTHY.merge(inputs(root, FieldPath.root(), true));
        int maxTicks = SimulationScript.DEFAULT_MAX_TICKS;
        if (root.has("maxTicks")) {
            JsonNode m = root.get("maxTicks");
            if (!m.canConvertToInt() || !m.isIntegralNumber() || m.asInt() < 1 || m.asInt() > 100_000) {
                error(FieldPath.of("maxTicks"), m + " must be an integer between 1 and 100000");
            } else {
                maxTicks = m.asInt();
            }
        }
        List<SimulationScript.Override> overrides = new ArrayList<>();
        JsonNode ticks = root.path("ticks");
        if (!ticks.isMissingNode() && !ticks.isArray()) {
            error(FieldPath.of("ticks"), "must be a list of overrides, got " + ticks);
        }
        for (int i = 0; i < ticks.size(); i++) {
            FieldPath at = FieldPath.of("ticks").index(i);
            JsonNode t = ticks.get(i);
            if (!t.isObject()) {
                error(at, "must be a mapping with at or from, got " + t);
                continue;
            }
            unknown(t, at, TICK);
            boolean once = t.has("at");
            if (once == t.has("from")) {
                error(at, "set exactly one of at (one tick) or from (from a tick on)");
                continue;
            }
            int from = tickNumber(t, once ? "at" : "from", at);
            int to = once ? from : t.has("to") ? tickNumber(t, "to", at) : Integer.MAX_VALUE;
            if (t.has("to") && once) {
                error(at.child("to"), "only goes with from, not with at");
            } else if (to < from) {
                error(at.child("to"), to + " must be >= from (" + from + ")");
            }
            overrides.add(new SimulationScript.Override(from, to, once, inputs(t, at, once)));
        }
        return new SimulationScript(defaults, overrides, maxTicks);
    }

    private TickInputs inputs(JsonNode n, FieldPath at, boolean once) {
        if (n.has("newRevision") && (!n.get("newRevision").isBoolean() || !once)) {
            error(at.child("newRevision"), once ? "must be true or false, got " + n.get("newRevision")
                    : "only goes in a ticks entry with at");
        }
        if (n.has("command") && !once) {
            error(at.child("command"), "only goes in a ticks entry with at");
        }
        String command = null;
        if (n.has("command")) {
            command = n.get("command").asText();
            if (new ManualCommand(command).action().isEmpty()) {
                error(at.child("command"), "'" + command + "' must be one of promote, abort, retry, pause or resume");
            }
        }
        return new TickInputs(value(n, at, "successRate"), value(n, at, "latencyMs"), metrics(n, at),
                webhooks(n, at), readiness(n, at, "canary"), readiness(n, at, "primary"),
                n.path("newRevision").asBoolean(false), command);
    }

    private MetricOutcome value(JsonNode parent, FieldPath at, String field) {
        return parent.has(field) ? outcome(parent.get(field), at.child(field)) : null;
    }

    private MetricOutcome outcome(JsonNode v, FieldPath at) {
        if (v.isNumber()) {
            return MetricOutcome.value(v.asDouble());
        }
        String s = v.asText("").strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (v.isTextual()) {
            switch (lower) {
                case "no-data" -> {
                    return MetricOutcome.insufficient(MetricResult.Reason.NO_SERIES);
                }
                case "nan" -> {
                    return MetricOutcome.insufficient(MetricResult.Reason.NAN);
                }
                case "multiple" -> {
                    return MetricOutcome.insufficient(MetricResult.Reason.MULTIPLE_SERIES);
                }
                default -> {
                    if (lower.equals("error") || lower.startsWith("error:")) {
                        String msg = s.length() > 6 ? s.substring(6).strip() : "simulated query failure";
                        return MetricOutcome.failed(msg.isEmpty() ? "simulated query failure" : msg);
                    }
                }
            }
        }
        error(at, v + " must be a number, no-data, nan, multiple or error[: message]");
        return null;
    }

    private Map<String, MetricOutcome> metrics(JsonNode parent, FieldPath at) {
        Map<String, MetricOutcome> out = new LinkedHashMap<>();
        JsonNode m = parent.path("metrics");
        if (!m.isMissingNode() && !m.isObject()) {
            error(at.child("metrics"), "must be a mapping of metric name to value, got " + m);
            return out;
        }
        m.properties().forEach(e -> {
            MetricOutcome o = outcome(e.getValue(), at.child("metrics").child(e.getKey()));
            if (o != null) {
                out.put(e.getKey(), o);
            }
        });
        return out;
    }

    private Map<String, Boolean> webhooks(JsonNode parent, FieldPath at) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        JsonNode w = parent.path("webhooks");
        if (!w.isMissingNode() && !w.isObject()) {
            error(at.child("webhooks"), "must be a mapping of webhook name to pass or fail, got " + w);
            return out;
        }
        w.properties().forEach(e -> {
            JsonNode v = e.getValue();
            String s = v.asText("").toLowerCase(Locale.ROOT);
            if (v.isBoolean()) {
                out.put(e.getKey(), v.asBoolean());
            } else if (s.equals("pass") || s.equals("fail")) {
                out.put(e.getKey(), s.equals("pass"));
            } else {
                error(at.child("webhooks").child(e.getKey()), v + " must be pass or fail");
            }
        });
        return out;
    }

    private String readiness(JsonNode parent, FieldPath at, String field) {
        if (!parent.has(field)) {
            return null;
        }
        String v = parent.get(field).asText("");
        if (!READINESS.contains(v)) {
            error(at.child(field), parent.get(field) + " must be ready, waiting or failed");
            return null;
        }
        return v;
    }

    private int tickNumber(JsonNode t, String field, FieldPath at) {
        JsonNode v = t.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
            error(at.child(field), v + " must be a tick number >= 0 (tick 0 detects the new revision)");
            return 0;
        }
        return v.asInt();
    }

    private void unknown(JsonNode n, FieldPath at, Set<String> known) {
        n.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                error(at.child(f), "unknown field; expected one of " + String.join(", ", new java.util.TreeSet<>(known)));
            }
        });
    }

    private void error(FieldPath path, String message) {
        errors.add(Diagnostic.error(path, message));
    }
}
