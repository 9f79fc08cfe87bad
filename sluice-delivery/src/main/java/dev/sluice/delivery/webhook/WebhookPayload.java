package dev.sluice.delivery.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON body POSTed to a webhook, as Flagger sends it:
 * {@code {"name","namespace","phase","checksum","metadata":{}}}.
 *
 * @param phase    the phase the hook is called for (gates, pre-rollout and rollout hooks say
 *                 {@code Progressing}; confirm-rollout and rollback hooks the current phase;
 *                 post-rollout {@code Succeeded} or {@code Failed})
 * @param checksum identifies the revision under analysis (tracked configs and pod template hash)
 * @param metadata the hook's metadata; for event hooks also {@code eventMessage}, {@code eventType}
 *                 and {@code timestamp} (milliseconds)
 */
public record WebhookPayload(String name, String namespace, String phase, String checksum,
                             Map<String, String> metadata) {

    public WebhookPayload {
        metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * The payload of an event hook: the event's fields first; the hook's own metadata does not
     * override them (as Flagger).
     */
    public static WebhookPayload forEvent(String name, String namespace, String phase, String checksum,
                                          String message, String eventType, long timestampMillis,
                                          Map<String, String> hookMetadata) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("eventMessage", message);
        m.put("eventType", eventType);
        m.put("timestamp", Long.toString(timestampMillis));
        hookMetadata.forEach(m::putIfAbsent);
        return new WebhookPayload(name, namespace, phase, checksum, m);
    }

    /**
     * A stable identifier of one revision: FNV-32a over the sorted tracked configs and the pod
     * template hash. (Flagger hashes a go-spew dump of the same fields; receivers only compare
     * checksums for equality, so the exact digits do not matter.)
     */
    public static String checksum(Map<String, String> trackedConfigs, String lastAppliedSpec) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(trackedConfigs).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        b.append(lastAppliedSpec);
        int hash = 0x811c9dc5;
        for (byte x : b.toString().getBytes(StandardCharsets.UTF_8)) {
            hash ^= x & 0xff;
            hash *= 0x01000193;
        }
        return Integer.toUnsignedString(hash);
    }

    public ObjectNode toNode() {
        ObjectNode n = Json.object();
        n.put("name", name).put("namespace", namespace).put("phase", phase).put("checksum", checksum);
        if (!metadata.isEmpty()) {
            ObjectNode m = n.putObject("metadata");
            metadata.forEach(m::put);
        }
        return n;
    }
}
