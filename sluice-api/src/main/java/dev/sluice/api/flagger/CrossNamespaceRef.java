package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.util.Set;

/**
 * A reference that may name another namespace (Flagger's CrossNamespaceObjectReference), used by
 * metric {@code templateRef}, alert {@code providerRef} and {@code upstreamRef}. An empty namespace
 * means the Canary's own.
 */
public record CrossNamespaceRef(String apiVersion, String kind, String name, String namespace) {

    static final Set<String> FIELDS = Set.of("apiVersion", "kind", "name", "namespace");

    public CrossNamespaceRef {
        apiVersion = apiVersion == null ? "" : apiVersion;
        kind = kind == null ? "" : kind;
        name = name == null ? "" : name;
        namespace = namespace == null ? "" : namespace;
    }

    /** The namespace to look in: this reference's, else {@code canaryNamespace}. */
    public String namespaceOr(String canaryNamespace) {
        return namespace.isEmpty() ? canaryNamespace : namespace;
    }

    static CrossNamespaceRef read(JsonNode node, FieldPath at, Fields f) {
        f.known(node, at, FIELDS);
        return new CrossNamespaceRef(f.string(node, at, "apiVersion", ""), f.string(node, at, "kind", ""),
                f.requiredString(node, at, "name"), f.string(node, at, "namespace", ""));
    }
}
