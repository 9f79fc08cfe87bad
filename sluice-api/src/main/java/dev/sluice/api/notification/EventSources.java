package dev.sluice.api.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import java.util.ArrayList;
import java.util.List;

/** Rules for lists of {@link CrossNamespaceObjectReference}. */
final class EventSources {

    private EventSources() {
    }

    /** matchLabels only selects when the name is {@code *}; anywhere else it is silently ignored by Flux. */
    static List<Diagnostic> check(JsonNode refs, FieldPath path) {
        List<Diagnostic> out = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            JsonNode r = refs.get(i);
            if (r.path("matchLabels").size() > 0 && !"*".equals(r.path("name").asText())) {
                out.add(Diagnostic.warning(path.index(i).child("matchLabels"),
                        "ignored because name is '" + r.path("name").asText() + "'; matchLabels only applies with name '*'"));
            }
        }
        return out;
    }
}
