package dev.sluice.server.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.cluster.EventRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The events page: the columns of {@code flux events} ({@code LAST SEEN TYPE REASON OBJECT
 * MESSAGE}), newest first, filtered. Pure.
 */
final class EventViews {

    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 2_000;

    private EventViews() {
    }

    /**
     * The filter of the events page; empty fields match everything.
     *
     * @param kind   involvedObject kind, e.g. Kustomization
     * @param type   Normal or Warning
     * @param text   a case-insensitive substring of the reason, object or message
     */
    record Filter(String namespace, String kind, String name, String type, String reason, String text, int limit) {

        boolean matches(EventRecord e) {
            return (namespace.isEmpty() || namespace.equals(e.involved().namespace()))
                    && (kind.isEmpty() || kind.equalsIgnoreCase(e.involved().groupKind().kind()))
                    && (name.isEmpty() || name.equals(e.involved().name()))
                    && (type.isEmpty() || type.equalsIgnoreCase(e.type()))
                    && (reason.isEmpty() || reason.equals(e.reason()))
                    && (text.isEmpty() || haystack(e).contains(text.toLowerCase(Locale.ROOT)));
        }

        private static String haystack(EventRecord e) {
            return (e.reason() + " " + e.involved() + " " + e.message()).toLowerCase(Locale.ROOT);
        }
    }

    static ArrayNode list(List<EventRecord> events, Filter f) {
        ArrayNode out = Json.nodes().arrayNode();
        events.stream().filter(f::matches)
                .sorted(Comparator.comparing(EventRecord::lastTimestamp).reversed())
                .limit(f.limit())
                .forEach(e -> out.add(event(e)));
        return out;
    }

    static ObjectNode event(EventRecord e) {
        ObjectNode n = Json.object();
        n.put("lastSeen", e.lastTimestamp().toString()).put("firstSeen", e.firstTimestamp().toString())
                .put("type", e.type()).put("reason", e.reason()).put("count", e.count());
        n.putObject("object").put("group", e.involved().groupKind().group()).put("kind", e.involved().groupKind().kind())
                .put("namespace", e.involved().namespace()).put("name", e.involved().name());
        n.put("message", e.message()).put("controller", e.reportingController());
        if (!e.annotations().isEmpty()) {
            ObjectNode a = n.putObject("annotations");
            e.annotations().forEach(a::put);
        }
        return n;
    }
}
