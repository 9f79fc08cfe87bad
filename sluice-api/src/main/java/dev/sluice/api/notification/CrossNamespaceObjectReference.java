package dev.sluice.api.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.meta.Nodes;
import java.util.Map;

/**
 * A Flux object a Receiver triggers or an Alert listens to. {@code name} may be {@code *}: every
 * object of the kind in the namespace that matches {@code matchLabels}.
 *
 * @param filter a CEL expression selecting objects (Receiver only), or ""
 */
public record CrossNamespaceObjectReference(String apiVersion, String kind, String name, String namespace,
                                            Map<String, String> matchLabels, String filter) {

    public CrossNamespaceObjectReference {
        matchLabels = Map.copyOf(matchLabels);
    }

    public static CrossNamespaceObjectReference from(JsonNode n) {
        return new CrossNamespaceObjectReference(Nodes.text(n, "apiVersion"), Nodes.text(n, "kind"), Nodes.text(n, "name"),
                Nodes.text(n, "namespace"), Nodes.stringMap(n, "matchLabels"), Nodes.text(n, "filter"));
    }

    public boolean isWildcard() {
        return "*".equals(name);
    }

    public String namespaceOr(String own) {
        return namespace.isEmpty() ? own : namespace;
    }
}
