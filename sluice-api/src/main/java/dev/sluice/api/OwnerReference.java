package dev.sluice.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code metadata.ownerReferences[]}: who owns an object, for garbage collection. */
public record OwnerReference(String apiVersion, String kind, String name, String uid, boolean controller,
                             boolean blockOwnerDeletion) {

    public static OwnerReference from(JsonNode n) {
        return new OwnerReference(n.path("apiVersion").asText(), n.path("kind").asText(), n.path("name").asText(),
                n.path("uid").asText(), n.path("controller").asBoolean(false), n.path("blockOwnerDeletion").asBoolean(false));
    }

    /** The controlling owner reference to {@code owner}, as controllers set it. */
    public static OwnerReference controllerOf(KubeObject owner) {
        return new OwnerReference(owner.apiVersion(), owner.kind(), owner.name(), owner.uid(), true, true);
    }

    public GroupKind groupKind() {
        return GroupKind.fromApiVersion(apiVersion, kind);
    }

    public ObjectNode toNode() {
        ObjectNode n = Json.object();
        n.put("apiVersion", apiVersion).put("kind", kind).put("name", name).put("uid", uid);
        if (controller) {
            n.put("controller", true);
        }
        if (blockOwnerDeletion) {
            n.put("blockOwnerDeletion", true);
        }
        return n;
    }
}
