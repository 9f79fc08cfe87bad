package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code status} of a Canary, field for field as Flagger writes it, plus two fields of Sluice's
 * manual control ({@link #lastHandledAction}, {@link #paused}; see docs/canary.md). Reading is
 * lenient (status is written by controllers, not users): a missing or odd field reads as its zero
 * value. {@link #toNode()} writes the same JSON shape Flagger does.
 *
 * @param trackedConfigs     {@code configmap/<name>} or {@code secret/<name>} → checksum at the last sync
 * @param lastAppliedSpec    hash of the target's pod template at the last sync
 * @param lastPromotedSpec   hash of the pod template the primary runs
 * @param lastTransitionTime RFC 3339 time of the last status write, "" when never written
 * @param lastHandledAction  the last {@code sluice.dev/requested-action} value handled, "" when none
 * @param paused             analysis paused by a {@code pause} request
 */
public record CanaryStatus(CanaryPhase phase, int failedChecks, int canaryWeight, int iterations,
                           String previousSessionAffinityCookie, String sessionAffinityCookie,
                           String primarySessionAffinityCookie, Map<String, String> trackedConfigs,
                           String lastAppliedSpec, String lastPromotedSpec, String lastTransitionTime,
                           List<CanaryCondition> conditions, String lastHandledAction, boolean paused) {

    public static final CanaryStatus EMPTY = new CanaryStatus(CanaryPhase.NONE, 0, 0, 0, "", "", "", Map.of(), "", "",
            "", List.of(), "", false);

    public CanaryStatus {
        trackedConfigs = java.util.Collections.unmodifiableMap(new TreeMap<>(trackedConfigs));
        conditions = List.copyOf(conditions);
    }

    /** The single {@code Promoted} condition Flagger keeps, if written yet. */
    public Optional<CanaryCondition> promoted() {
        return conditions.stream().filter(c -> CanaryCondition.PROMOTED.equals(c.type())).findFirst();
    }

    /** Reads a status tree; a missing node gives {@link #EMPTY}. */
    public static CanaryStatus fromNode(JsonNode n) {
        if (n == null || !n.isObject()) {
            return EMPTY;
        }
        Map<String, String> tracked = new LinkedHashMap<>();
        n.path("trackedConfigs").properties().forEach(e -> tracked.put(e.getKey(), e.getValue().asText()));
        List<CanaryCondition> conditions = new ArrayList<>();
        n.path("conditions").forEach(c -> conditions.add(CanaryCondition.from(c)));
        return new CanaryStatus(CanaryPhase.fromWire(n.path("phase").asText("")).orElse(CanaryPhase.NONE),
                n.path("failedChecks").asInt(0), n.path("canaryWeight").asInt(0), n.path("iterations").asInt(0),
                n.path("previousSessionAffinityCookie").asText(""), n.path("sessionAffinityCookie").asText(""),
                n.path("primarySessionAffinityCookie").asText(""), tracked, n.path("lastAppliedSpec").asText(""),
                n.path("lastPromotedSpec").asText(""), n.path("lastTransitionTime").asText(""), conditions,
                n.path("lastHandledAction").asText(""), n.path("paused").asBoolean(false));
    }

    /** The status tree in Flagger's field order; optional fields are left out when empty. */
    public ObjectNode toNode() {
        ObjectNode n = Json.object();
        n.put("phase", phase.wireName());
        n.put("failedChecks", failedChecks).put("canaryWeight", canaryWeight).put("iterations", iterations);
        putIfSet(n, "previousSessionAffinityCookie", previousSessionAffinityCookie);
        putIfSet(n, "sessionAffinityCookie", sessionAffinityCookie);
        putIfSet(n, "primarySessionAffinityCookie", primarySessionAffinityCookie);
        if (!trackedConfigs.isEmpty()) {
            ObjectNode t = n.putObject("trackedConfigs");
            trackedConfigs.forEach(t::put);
        }
        putIfSet(n, "lastAppliedSpec", lastAppliedSpec);
        putIfSet(n, "lastPromotedSpec", lastPromotedSpec);
        putIfSet(n, "lastTransitionTime", lastTransitionTime);
        if (!conditions.isEmpty()) {
            com.fasterxml.jackson.databind.node.ArrayNode a = n.putArray("conditions");
            conditions.forEach(c -> a.add(c.toNode()));
        }
        putIfSet(n, "lastHandledAction", lastHandledAction);
        if (paused) {
            n.put("paused", true);
        }
        return n;
    }

    private static void putIfSet(ObjectNode n, String field, String value) {
        if (!value.isEmpty()) {
            n.put(field, value);
        }
    }
}
