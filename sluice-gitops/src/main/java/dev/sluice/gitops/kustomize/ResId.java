package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The identity of a resource in a build: group, version, kind, name, namespace. Two ids are equal
 * when all parts are; an empty namespace equals {@code default}, as in kustomize.
 */
record ResId(String group, String version, String kind, String name, String namespace) {

    static ResId of(JsonNode obj) {
        String apiVersion = text(obj, "apiVersion");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        JsonNode meta = obj.path("metadata");
        return new ResId(group, version, text(obj, "kind"), text(meta, "name"), text(meta, "namespace"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? "" : v.asText();
    }

    String effectiveNamespace() {
        return namespace.isEmpty() ? "default" : namespace;
    }

    /** Equality as kustomize's ResId.Equals: gvk, name and effective namespace. */
    boolean sameAs(ResId o) {
        return group.equals(o.group)
                && version.equals(o.version)
                && kind.equals(o.kind)
                && name.equals(o.name)
                && effectiveNamespace().equals(o.effectiveNamespace());
    }

    /** A hash key consistent with {@link #sameAs}. */
    String key() {
        return group + "|" + version + "|" + kind + "|" + effectiveNamespace() + "|" + name;
    }

    String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** kustomize's rendering of an id in messages, e.g. {@code Deployment.v1.apps/web.prod}. */
    @Override
    public String toString() {
        String g = group.isEmpty() ? "[noGrp]" : group;
        String v = version.isEmpty() ? "[noVer]" : version;
        String ns = namespace.isEmpty() ? "[noNs]" : namespace;
        return kind + "." + v + "." + g + "/" + name + "." + ns;
    }
}
