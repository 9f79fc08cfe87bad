package dev.sluice.api.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.api.Json;
import java.io.UncheckedIOException;

/**
 * Folds the deprecated {@code patchesStrategicMerge} and {@code patchesJson6902} lists (Flux
 * Kustomization v1beta1/v1beta2, HelmRelease post-renderers v2beta1/v2beta2) into {@code patches},
 * which holds each patch as YAML text with an optional target.
 *
 * <p>Order: kustomize applies strategic merge patches first, then {@code patches}, and JSON6902
 * patches last, so the folded list is SMP entries, the existing patches, then JSON6902 entries.
 * One difference remains: kustomize ran {@code patchesJson6902} after the namespace and name-prefix
 * transformers, whereas {@code patches} run before them, so a JSON6902 target that named the
 * already-renamed object must now name the original.
 */
public final class LegacyPatches {

    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .build())
            .build();

    private LegacyPatches() {
    }

    /** Moves the legacy lists of {@code holder} into its {@code patches}; returns whether anything moved. */
    public static boolean fold(ObjectNode holder) {
        JsonNode existing = holder.get("patches");
        if (existing != null && !existing.isArray()) {
            return false; // invalid input: leave it for validation to report, lose nothing
        }
        JsonNode smp = holder.remove("patchesStrategicMerge");
        JsonNode json6902 = holder.remove("patchesJson6902");
        if (smp == null && json6902 == null) {
            return false;
        }
        ArrayNode patches = Json.nodes().arrayNode();
        if (smp != null) {
            for (JsonNode p : smp) {
                ObjectNode item = patches.addObject();
                item.put("patch", p.isTextual() ? p.asText() : yaml(p));
            }
        }
        if (existing != null) {
            existing.forEach(patches::add);
        }
        if (json6902 != null) {
            for (JsonNode p : json6902) {
                ObjectNode item = patches.addObject();
                JsonNode ops = p.path("patch");
                item.put("patch", ops.isTextual() ? ops.asText() : yaml(ops));
                if (p.has("target")) {
                    item.set("target", p.get("target").deepCopy());
                }
            }
        }
        holder.set("patches", patches);
        return true;
    }

    /** A tree as block YAML, the way a user would write it inline (strings that look like numbers quoted). */
    public static String yaml(JsonNode tree) {
        try {
            return YAML.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
