package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code transformers} field with kustomize's built-in transformer configurations ({@code
 * apiVersion: builtin}): LabelTransformer, AnnotationsTransformer, NamespaceTransformer,
 * PrefixSuffixTransformer, ImageTagTransformer, ReplicaCountTransformer, PatchTransformer,
 * PatchStrategicMergeTransformer and PatchJson6902Transformer. They run after the kustomization's
 * own transformers, in the order listed. Plugins (other apiVersions) are refused.
 */
final class ConfiguredTransformers {

    private ConfiguredTransformers() {}

    static void run(BuildContext ctx, Kustomization k, ResourceMap ra) {
        for (String entry : k.strings("transformers")) {
            boolean inline = entry.contains("\n");
            Path p = inline ? null : ctx.loader.resolve(k.dir(), entry, "transformers", k.file);
            String source = inline ? "inline transformers entry in " + k.file : p.toString();
            if (p != null && java.nio.file.Files.isDirectory(p)) {
                throw new KustomizeException("transformers entry '" + entry + "' in " + k.file
                        + " is a directory; only files with built-in transformer configurations are supported");
            }
            String text = inline ? entry : ctx.loader.read(p);
            for (JsonNode cfg : ManifestReader.readAll(text, source)) {
                apply(ctx, k, ra, cfg, source);
            }
        }
    }

    private static void apply(BuildContext ctx, Kustomization k, ResourceMap ra, JsonNode cfg, String source) {
        String kind = Json.text(cfg, "kind");
        String where = kind + " '" + Json.text(cfg.path("metadata"), "name") + "' in " + source;
        if (!Json.text(cfg, "apiVersion").equals("builtin")) {
            throw new KustomizeException(where + ": transformer plugins are not supported; only apiVersion 'builtin'");
        }
        List<FieldSpec> specs = new ArrayList<>();
        cfg.path("fieldSpecs").forEach(f -> specs.add(FieldSpec.of(f)));
        switch (kind) {
            case "LabelTransformer" -> MetadataTransformers.setMap(k.stringMap(cfg.get("labels"), "labels"),
                    specs, ra, "labels");
            case "AnnotationsTransformer" -> MetadataTransformers.setMap(
                    k.stringMap(cfg.get("annotations"), "annotations"), specs, ra, "annotations");
            case "NamespaceTransformer" -> MetadataTransformers.namespace(ctx,
                    Json.text(cfg.path("metadata"), "namespace"), ra, cfg.path("unsetOnly").asBoolean(false));
            case "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer" ->
                    MetadataTransformers.prefixSuffix(Json.text(cfg, "prefix"), Json.text(cfg, "suffix"), ra);
            case "ImageTagTransformer" -> Images.run(ctx, k, ra, List.of(cfg.path("imageTag")), specs);
            case "ReplicaCountTransformer" -> MetadataTransformers.replicas(k, ra, List.of(cfg.path("replica")));
            case "PatchTransformer" -> Patches.patch(ctx, k, ra, cfg, where);
            case "PatchJson6902Transformer" -> Patches.json6902(ctx, k, ra, cfg, where);
            case "PatchStrategicMergeTransformer" -> {
                List<String> entries = new ArrayList<>();
                cfg.path("paths").forEach(e -> entries.add(e.asText()));
                if (cfg.hasNonNull("patches")) {
                    entries.add(Json.text(cfg, "patches"));
                }
                Patches.strategicMerge(ctx, k, ra, entries);
            }
            default -> throw new KustomizeException(where + ": unknown built-in transformer kind '" + kind + "'");
        }
    }
}
