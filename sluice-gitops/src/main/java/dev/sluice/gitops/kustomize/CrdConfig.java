package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.schema.KindPattern;
import dev.sluice.api.schema.NameReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kustomize {@code crds}: OpenAPI definitions of custom kinds (JSON or YAML, {@code
 * definitions} keyed by type name, each with {@code x-kubernetes-group-version-kind}). Fields
 * marked {@code x-kubernetes-object-ref-kind} become name references; {@code
 * x-kubernetes-patch-merge-key} gives list merge keys.
 */
final class CrdConfig {

  private CrdConfig() {}

  static void apply(BuildContext ctx, JsonNode doc, Path file) {
    JsonNode defs = doc.path("definitions");
    if (!defs.isObject()) {
      throw new KustomizeException("crds file " + file + ": expected OpenAPI 'definitions'");
    }
    Map<String, JsonNode> byName = new HashMap<>();
    defs.properties().forEach(e -> byName.put(e.getKey(), e.getValue()));
    defs.properties().forEach(e -> {
      JsonNode gvk = e.getValue().path("x-kubernetes-group-version-kind");
      JsonNode first = gvk.isArray() ? gvk.path(0) : gvk;
      String kind = Json.text(first, "kind");
      if (kind.isEmpty()) {
        return;
      }
      String group = Json.text(first, "group");
      Map<String, String> keys = new HashMap<>();
      walk(ctx, byName, e.getValue(), new ArrayList<>(), new KindPattern(group, kind), keys, 0);
      if (!keys.isEmpty()) {
        ctx.schema = ctx.schema.withListKeys(group, kind, keys);
      }
    });
  }

  private static void walk(BuildContext ctx, Map<String, JsonNode> defs, JsonNode schema, List<String> path,
      KindPattern owner, Map<String, String> keys, int depth) {
    if (depth > 30) {
      return;
    }
    JsonNode ref = schema.get("$ref");
    if (ref != null) {
      String name = ref.asText().substring(ref.asText().lastIndexOf('/') + 1);
      JsonNode target = defs.get(name);
      if (target != null) {
        walk(ctx, defs, target, path, owner, keys, depth + 1);
      }
      return;
    }
    schema.path("properties").properties().forEach(p -> {
      List<String> child = new ArrayList<>(path);
      child.add(p.getKey());
      JsonNode s = p.getValue();
      String refKind = Json.text(s, "x-kubernetes-object-ref-kind");
      if (!refKind.isEmpty()) {
        String av = Json.text(s, "x-kubernetes-object-ref-api-version");
        String nameKey = Json.text(s, "x-kubernetes-object-ref-name-key");
        List<String> refPath = new ArrayList<>(child);
        refPath.add(nameKey.isEmpty() ? "name" : nameKey);
        ctx.extraNameRefs.add(new NameReference(new KindPattern(KindPattern.groupOf(av), refKind), owner, refPath));
      }
      String mergeKey = Json.text(s, "x-kubernetes-patch-merge-key");
      if (!mergeKey.isEmpty()) {
        keys.put(String.join("/", child), mergeKey);
      }
      JsonNode items = s.path("items");
      walk(ctx, defs, items.isMissingNode() ? s : items, child, owner, keys, depth + 1);
    });
  }
}
