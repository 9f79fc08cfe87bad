package dev.sluice.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ResourceType;
import dev.sluice.cluster.apply.Rfc3339;
import java.time.Instant;

/**
 * Status the API server's own controllers would write at once: a Namespace is {@code Active}; a
 * CustomResourceDefinition is {@code Established} with its names accepted (health checks such as
 * kstatus wait for that).
 */
final class Defaults {

    private Defaults() {
    }

    static KubeObject onCreate(KubeObject o, Kinds kinds, Instant now) {
        if (o.key().groupKind().equals(Kinds.NAMESPACE)) {
            return o.edit(n -> n.withObject("status").put("phase", "Active"));
        }
        if (o.key().groupKind().equals(Kinds.CRD)) {
            return crdStatus(o, kinds.fromCrd(o), now);
        }
        return o;
    }

    static KubeObject crdStatus(KubeObject crd, ResourceType type, Instant now) {
        return crd.edit(n -> {
            ObjectNode status = n.withObject("status");
            status.set("acceptedNames", crd.spec().path("names").deepCopy());
            ArrayNode storedVersions = status.putArray("storedVersions");
            storedVersions.add(type.versions().get(0));
            ArrayNode conditions = status.withArray("conditions");
            for (String t : new String[] {"NamesAccepted", "Established"}) {
                setTrue(conditions, t, t.equals("Established") ? "InitialNamesAccepted" : "NoConflicts",
                        t.equals("Established") ? "the initial names have been accepted" : "no conflicts found", now);
            }
        });
    }

    private static void setTrue(ArrayNode conditions, String type, String reason, String message, Instant now) {
        for (JsonNode c : conditions) {
            if (c.path("type").asText().equals(type) && c.path("status").asText().equals("True")) {
                return;
            }
        }
        for (int i = conditions.size() - 1; i >= 0; i--) {
            if (conditions.get(i).path("type").asText().equals(type)) {
                conditions.remove(i);
            }
        }
        conditions.addObject().put("type", type).put("status", "True").put("reason", reason).put("message", message)
                .put("lastTransitionTime", Rfc3339.format(now));
    }
}
