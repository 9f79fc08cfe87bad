package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kustomize's {@code openapi: {path: schema.json}}: OpenAPI definitions (with {@code
 * x-kubernetes-group-version-kind}) that give custom kinds strategic-merge keys. Lists marked
 * {@code x-kubernetes-patch-strategy: merge} with {@code x-kubernetes-patch-merge-key} merge by
 * that key; other lists stay atomic. As in kustomize, the file replaces the built-in schema: the
 * built-in kinds lose their merge keys (a containers patch then replaces the list).
 */
final class OpenApiConfig {

    private OpenApiConfig() {}

    static void load(BuildContext ctx, Kustomization k) {
        JsonNode openapi = k.spec.get("openapi");
        if (openapi == null || openapi.isNull() || !openapi.hasNonNull("path")) {
            return;
        }
        Path p = ctx.loader.resolve(k.dir(), Json.text(openapi, "path"), "openapi", k.file);
        ctx.schema = ctx.schema.withoutListKeys();
        for (JsonNode doc : ManifestReader.readAll(ctx.loader.read(p), p.toString())) {
            JsonNode defs = doc.path("definitions");
            if (!defs.isObject()) {
                throw new KustomizeException("openapi file " + p + ": expected 'definitions'");
            }
            defs.properties().forEach(e -> {
                JsonNode gvks = e.getValue().path("x-kubernetes-group-version-kind");
                for (JsonNode gvk : gvks.isArray() ? gvks : List.of(gvks)) {
                    String kind = Json.text(gvk, "kind");
                    if (kind.isEmpty()) {
                        continue;
                    }
                    Map<String, String> keys = new HashMap<>();
                    walk(defs, e.getValue(), new ArrayList<>(), keys, 0);
                    if (!keys.isEmpty()) {
                        ctx.schema = ctx.schema.withListKeys(Json.text(gvk, "group"), kind, keys);
                    }
                }
            });
        }
    }

    private static void walk(JsonNode defs, JsonNode schema, List<String> path, Map<String, String> keys, int depth) {
        if (depth > 40) {
            return;
        }
        String ref = Json.text(schema, "$ref");
        if (!ref.isEmpty()) {
            JsonNode target = defs.get(ref.substring(ref.lastIndexOf('/') + 1));
            if (target != null) {
                walk(defs, target, path, keys, depth + 1);
            }
            return;
        }
        schema.path("properties").properties().forEach(p -> {
            List<String> child = new ArrayList<>(path);
            child.add(p.getKey());
            JsonNode s = p.getValue();
            String key = Json.text(s, "x-kubernetes-patch-merge-key");
            if (!key.isEmpty() && Json.text(s, "x-kubernetes-patch-strategy").contains("merge")) {
                keys.put(String.join("/", child), key);
            }
            walk(defs, s.has("items") ? s.get("items") : s, child, keys, depth + 1);
        });
    }
}
