package dev.sluice.api.notification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.meta.Nodes;
import java.util.List;
import java.util.Map;

/**
 * A Flux Alert ({@code notification.toolkit.fluxcd.io/v1beta3}): which objects' events go to which
 * Provider.
 */
public record Alert(KubeObject object, Spec spec) {

    /**
     * @param eventSeverity {@code info} (the default: all events) or {@code error}
     * @param inclusionList regular expressions; when not empty, only matching messages are sent
     * @param exclusionList regular expressions; matching messages are not sent
     * @param summary       deprecated, sent as the {@code summary} metadata
     */
    public record Spec(String providerName, String eventSeverity, List<CrossNamespaceObjectReference> eventSources,
                       List<String> inclusionList, List<String> exclusionList, Map<String, String> eventMetadata,
                       String summary, boolean suspend) {

        public static Spec from(JsonNode s) {
            return new Spec(Nodes.text(s.path("providerRef"), "name"), Nodes.text(s, "eventSeverity", "info"),
                    Nodes.list(s, "eventSources", CrossNamespaceObjectReference::from), Nodes.strings(s, "inclusionList"),
                    Nodes.strings(s, "exclusionList"), Nodes.stringMap(s, "eventMetadata"), Nodes.text(s, "summary"),
                    Nodes.bool(s, "suspend"));
        }
    }

    public String name() {
        return object.name();
    }

    public String namespace() {
        return object.namespace();
    }
}
