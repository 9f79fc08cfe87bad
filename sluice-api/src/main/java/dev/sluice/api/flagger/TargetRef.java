package dev.sluice.api.flagger;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.FieldPath;
import java.util.Set;

/**
 * A reference to an object in the Canary's namespace (Flagger's LocalObjectReference), used by
 * {@code targetRef}, {@code ingressRef} and {@code routeRef}.
 */
public record TargetRef(String apiVersion, String kind, String name) {

    static final Set<String> FIELDS = Set.of("apiVersion", "kind", "name");

    public TargetRef {
        apiVersion = apiVersion == null ? "" : apiVersion;
        kind = kind == null ? "" : kind;
        name = name == null ? "" : name;
    }

    /** A Knative Service ({@code serving.knative.dev/v1}), which only the knative provider handles. */
    public boolean isKnativeService() {
        return "Service".equals(kind) && "serving.knative.dev/v1".equals(apiVersion);
    }

    static TargetRef read(JsonNode node, FieldPath at, Fields f) {
        f.known(node, at, FIELDS);
        return new TargetRef(f.string(node, at, "apiVersion", ""), f.string(node, at, "kind", ""),
                f.requiredString(node, at, "name"));
    }
}
