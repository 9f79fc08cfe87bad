package dev.sluice.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Diagnostic;
import dev.sluice.api.FieldPath;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceType;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.ClusterException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Scope of kinds: namespaced or cluster-scoped, from {@link ResourceTypes} plus the
 * CustomResourceDefinitions stored. Embedded mode is lenient: a kind nobody defined is accepted,
 * namespaced when the object carries a namespace and cluster-scoped otherwise.
 */
final class Kinds {

    static final GroupKind CRD = new GroupKind("apiextensions.k8s.io", "CustomResourceDefinition");
    static final GroupKind NAMESPACE = new GroupKind("", "Namespace");

    private final ResourceTypes types;

    Kinds(ResourceTypes types) {
        this.types = types;
    }

    ResourceTypes types() {
        return types;
    }

    /** The key as stored: cluster-scoped kinds have no namespace. */
    ObjectKey normalize(ObjectKey key) {
        if (!key.namespace().isEmpty() && types.get(key.groupKind()).map(t -> !t.namespaced()).orElse(false)) {
            return new ObjectKey(key.groupKind(), "", key.name());
        }
        return key;
    }

    /** The namespace to list in: "" for cluster-scoped kinds whatever was asked. */
    String listNamespace(GroupKind kind, String namespace) {
        return types.get(kind).map(t -> t.namespaced() ? namespace : "").orElse(namespace);
    }

    /**
     * The object as stored: a cluster-scoped object loses a namespace it was given (as the API
     * server ignores it); a namespaced kind without a namespace is {@code INVALID}.
     */
    KubeObject normalize(KubeObject o) {
        Optional<ResourceType> type = types.get(o.groupKind());
        if (type.isPresent() && !type.get().namespaced() && !o.namespace().isEmpty()) {
            return o.edit(n -> n.withObject("metadata").remove("namespace"));
        }
        if (type.isPresent() && type.get().namespaced() && o.namespace().isEmpty()) {
            throw invalid(o.key(), FieldPath.of("metadata.namespace"), "required for the namespaced kind "
                    + o.groupKind() + ", got nothing");
        }
        return o;
    }

    /**
     * The kind a CustomResourceDefinition defines.
     *
     * @throws ClusterException INVALID listing each missing or malformed field
     */
    ResourceType fromCrd(KubeObject crd) {
        List<Diagnostic> problems = new ArrayList<>();
        JsonNode spec = crd.spec();
        String group = text(spec, "group", "spec.group", problems);
        String kind = text(spec.path("names"), "kind", "spec.names.kind", problems);
        String plural = text(spec.path("names"), "plural", "spec.names.plural", problems);
        String scope = spec.path("scope").asText("");
        if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
            problems.add(Diagnostic.error(FieldPath.of("spec.scope"),
                    "must be Namespaced or Cluster, got '" + scope + "'"));
        }
        List<String> versions = new ArrayList<>();
        for (JsonNode v : spec.path("versions")) {
            String name = v.path("name").asText("");
            if (!name.isEmpty()) {
                if (v.path("storage").asBoolean(false)) {
                    versions.add(0, name);
                } else {
                    versions.add(name);
                }
            }
        }
        if (versions.isEmpty()) {
            problems.add(Diagnostic.error(FieldPath.of("spec.versions"), "at least one version with a name is required"));
        }
        if (problems.isEmpty() && !crd.name().equals(plural + "." + group)) {
            problems.add(Diagnostic.error(FieldPath.of("metadata.name"), "must be spec.names.plural + '.' + spec.group ('"
                    + plural + "." + group + "'), got '" + crd.name() + "'"));
        }
        if (!problems.isEmpty()) {
            throw new ClusterException(ClusterException.Reason.INVALID, crd.key(),
                    "invalid CustomResourceDefinition " + crd.name() + ": " + problems.stream()
                            .map(Diagnostic::toString).reduce((a, b) -> a + "; " + b).orElse(""), problems, null);
        }
        List<String> shortNames = new ArrayList<>();
        spec.path("names").path("shortNames").forEach(s -> shortNames.add(s.asText()));
        return new ResourceType(new GroupKind(group, kind), plural, scope.equals("Namespaced"), versions, shortNames);
    }

    void register(ResourceType type) {
        types.register(type);
    }

    private static String text(JsonNode parent, String field, String path, List<Diagnostic> problems) {
        JsonNode v = parent.path(field);
        if (!v.isTextual() || v.asText().isEmpty()) {
            problems.add(Diagnostic.error(FieldPath.of(path), "required non-empty string, got "
                    + (v.isMissingNode() ? "nothing" : v.toString())));
            return "";
        }
        return v.asText();
    }

    static ClusterException invalid(ObjectKey key, FieldPath path, String message) {
        Diagnostic d = Diagnostic.error(path, message);
        return new ClusterException(ClusterException.Reason.INVALID, key, key + " is invalid: " + d, List.of(d), null);
    }
}
