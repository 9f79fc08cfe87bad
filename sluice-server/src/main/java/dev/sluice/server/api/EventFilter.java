package dev.sluice.server.api;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.EventRecord;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code fieldSelector} of an events list: {@code involvedObject.kind}, {@code .name},
 * {@code .namespace} and Sluice's {@code involvedObject.group}, plus {@code type} and {@code reason}.
 */
record EventFilter(Map<String, String> fields, String namespace) {

    static EventFilter parse(String selector, String namespace) {
        Map<String, String> f = new HashMap<>();
        for (String part : selector.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                f.put(part.substring(0, eq).strip(), part.substring(eq + 1).replaceFirst("^=", "").strip());
            }
        }
        return new EventFilter(f, namespace);
    }

    /** The one object asked for, when the selector names it completely; null otherwise. */
    ObjectKey exactKey() {
        String kind = fields.get("involvedObject.kind");
        String name = fields.get("involvedObject.name");
        String group = fields.get("involvedObject.group");
        if (kind == null || name == null || group == null) {
            return null;
        }
        return new ObjectKey(new GroupKind(group, kind), fields.getOrDefault("involvedObject.namespace", namespace), name);
    }

    boolean matches(EventRecord e) {
        ObjectKey k = e.involved();
        return (namespace.isEmpty() || namespace.equals(k.namespace()))
                && is("involvedObject.kind", k.groupKind().kind())
                && is("involvedObject.name", k.name())
                && is("involvedObject.namespace", k.namespace())
                && is("involvedObject.group", k.groupKind().group())
                && is("type", e.type())
                && is("reason", e.reason());
    }

    private boolean is(String field, String value) {
        String want = fields.get(field);
        return want == null || want.equals(value);
    }
}
