package dev.sluice.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@link EventRecord} as a core/v1 Event object and back. */
public final class EventJson {

    private EventJson() {
    }

    public static ObjectNode toNode(EventRecord e) {
        ObjectNode n = Json.object();
        n.put("apiVersion", "v1").put("kind", "Event");
        ObjectNode meta = n.putObject("metadata");
        meta.put("name", e.involved().name() + "." + Long.toHexString(e.firstTimestamp().toEpochMilli()));
        meta.put("namespace", e.involved().namespace());
        if (!e.annotations().isEmpty()) {
            ObjectNode a = meta.putObject("annotations");
            e.annotations().forEach(a::put);
        }
        ObjectNode io = n.putObject("involvedObject");
        GroupKind gk = e.involved().groupKind();
        io.put("kind", gk.kind()).put("apiVersion", gk.group()).put("name", e.involved().name())
                .put("namespace", e.involved().namespace());
        n.put("type", e.type()).put("reason", e.reason()).put("message", e.message())
                .put("count", e.count())
                .put("firstTimestamp", e.firstTimestamp().toString())
                .put("lastTimestamp", e.lastTimestamp().toString());
        n.putObject("source").put("component", e.reportingController());
        n.put("reportingComponent", e.reportingController());
        return n;
    }

    public static EventRecord fromNode(JsonNode n) {
        JsonNode io = n.path("involvedObject");
        String group = GroupKind.groupOf(io.path("apiVersion").asText(""));
        if (!io.path("apiVersion").asText("").contains("/")) {
            // We write the bare group in apiVersion; a real v1 Event carries group/version.
            group = io.path("apiVersion").asText("").matches("v\\d.*") ? "" : io.path("apiVersion").asText("");
        }
        ObjectKey key = new ObjectKey(new GroupKind(group, io.path("kind").asText()), io.path("namespace").asText(""),
                io.path("name").asText());
        Map<String, String> ann = new LinkedHashMap<>();
        n.path("metadata").path("annotations").properties().forEach(x -> ann.put(x.getKey(), x.getValue().asText()));
        Instant first = Instant.parse(n.path("firstTimestamp").asText(Instant.EPOCH.toString()));
        Instant last = Instant.parse(n.path("lastTimestamp").asText(first.toString()));
        return new EventRecord(key, n.path("type").asText(EventRecord.NORMAL), n.path("reason").asText(),
                n.path("message").asText(), n.path("source").path("component").asText(""), ann,
                n.path("count").asInt(1), first, last);
    }
}
