package dev.sluice.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.Json;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Events as JSON in the store's files. */
final class EventCodec {

    private EventCodec() {
    }

    static ObjectNode toJson(EventRecord e) {
        ObjectNode n = Json.object();
        ObjectNode inv = n.putObject("involved");
        inv.put("group", e.involved().groupKind().group()).put("kind", e.involved().groupKind().kind())
                .put("namespace", e.involved().namespace()).put("name", e.involved().name());
        n.put("type", e.type()).put("reason", e.reason()).put("message", e.message())
                .put("reportingController", e.reportingController());
        ObjectNode ann = n.putObject("annotations");
        e.annotations().forEach(ann::put);
        n.put("count", e.count());
        n.put("firstTimestamp", e.firstTimestamp().toString()).put("lastTimestamp", e.lastTimestamp().toString());
        return n;
    }

    static EventRecord fromJson(JsonNode n) {
        JsonNode inv = n.path("involved");
        ObjectKey key = new ObjectKey(new GroupKind(inv.path("group").asText(), inv.path("kind").asText()),
                inv.path("namespace").asText(), inv.path("name").asText());
        Map<String, String> ann = new LinkedHashMap<>();
        n.path("annotations").properties().forEach(e -> ann.put(e.getKey(), e.getValue().asText()));
        return new EventRecord(key, n.path("type").asText(), n.path("reason").asText(), n.path("message").asText(),
                n.path("reportingController").asText(), ann, n.path("count").asInt(1),
                Instant.parse(n.path("firstTimestamp").asText()), Instant.parse(n.path("lastTimestamp").asText()));
    }
}
