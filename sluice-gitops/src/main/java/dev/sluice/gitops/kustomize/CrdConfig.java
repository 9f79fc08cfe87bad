package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.schema.KindPattern;
import dev.sluice.api.schema.NameReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * kustomize {@code crds}: a map from type name ({@code "pkg/v1.Bee"}; the kind is what follows
 * the last dot) to an OpenAPI definition {@code {"Schema": {...}}}. Kind detection: what follows
 * the last dot. For types that look like Kubernetes objects, properties marked
 * {@code x-kubernetes-object-ref-api-version}/{@code -kind} become name references, {@code
 * x-kubernetes-annotation} and {@code x-kubernetes-label-selector} extend commonAnnotations and
 * commonLabels; {@code $ref} is followed by exact type name, as kustomize does.
 */
final class CrdConfig {

    private CrdConfig() {}

    static void apply(BuildContext ctx, JsonNode types, Path file) {
        if (!types.isObject()) {
            throw new KustomizeException("crds file " + file + ": expected a map of type names to OpenAPI schemas");
        }
        types.properties().forEach(e -> {
            JsonNode props = e.getValue().path("Schema").path("properties");
            if (!props.has("kind") || !props.has("apiVersion") || !props.has("metadata")) {
                return;
            }
            String name = e.getKey();
            String kind = name.substring(name.lastIndexOf('.') + 1);
            load(ctx, types, kind, name, new ArrayList<>(), 0);
        });
    }

    private static void load(BuildContext ctx, JsonNode types, String kind, String typeName, List<String> path, int depth) {
        JsonNode api = types.get(typeName);
        if (api == null || depth > 30) {
            return;
        }
        api.path("Schema").path("properties").properties().forEach(p -> {
            List<String> child = new ArrayList<>(path);
            child.add(p.getKey());
            JsonNode s = p.getValue();
            FieldSpec fs = new FieldSpec("", "", kind, List.copyOf(child), false);
            if (s.has("x-kubernetes-annotation")) {
                ctx.extraCommonAnnotations.add(fs);
            }
            if (s.has("x-kubernetes-label-selector")) {
                ctx.extraCommonLabels.add(fs);
            }
            if (s.has("x-kubernetes-object-ref-api-version") && s.has("x-kubernetes-object-ref-kind")) {
                String nameKey = s.has("x-kubernetes-object-ref-name-key") ? Json.text(s, "x-kubernetes-object-ref-name-key") : "name";
                List<String> refPath = new ArrayList<>(child);
                refPath.add(nameKey);
                String av = Json.text(s, "x-kubernetes-object-ref-api-version");
                ctx.extraNameRefs.add(new NameReference(
                        new KindPattern(KindPattern.groupOf(av), Json.text(s, "x-kubernetes-object-ref-kind")),
                        new KindPattern("*", kind), refPath));
            }
            if (s.has("$ref")) {
                load(ctx, types, kind, Json.text(s, "$ref"), child, depth + 1);
            }
        });
    }
}
