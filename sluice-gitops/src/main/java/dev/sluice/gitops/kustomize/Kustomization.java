package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parsed kustomization file (kind Kustomization or Component), with legacy fields folded into
 * their replacements ({@code bases} into {@code resources}, {@code imageTags} into {@code
 * images}) and kustomize's deprecation warnings collected.
 */
final class Kustomization {

    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private static final Set<String> KNOWN =
            Set.of(
                    "apiVersion", "kind", "metadata", "resources", "bases", "components", "crds", "configurations",
                    "namespace", "namePrefix", "nameSuffix", "commonLabels", "labels", "commonAnnotations", "patches",
                    "patchesStrategicMerge", "patchesJson6902", "images", "imageTags", "replicas", "configMapGenerator",
                    "secretGenerator", "generatorOptions", "sortOptions", "buildMetadata", "openapi", "vars",
                    "replacements", "generators", "transformers", "validators", "helmCharts", "helmGlobals",
                    "helmChartInflationGenerator");
    private static final Set<String> UNSUPPORTED =
            Set.of("generators", "validators", "helmCharts",
                    "helmGlobals", "helmChartInflationGenerator");
    private static final Map<String, String> DEPRECATED =
            Map.of(
                    "bases", "resources",
                    "commonLabels", "labels",
                    "imageTags", "images",
                    "patchesJson6902", "patches",
                    "patchesStrategicMerge", "patches",
                    "vars", "replacements");

    final ObjectNode spec;
    final Path file;
    final boolean component;
    final List<String> warnings = new ArrayList<>();

    private Kustomization(ObjectNode spec, Path file, boolean component) {
        this.spec = spec;
        this.file = file;
        this.component = component;
    }

    /** Parses and checks a kustomization; {@code file} names it in errors. */
    static Kustomization parse(JsonNode doc, Path file) {
        if (!(doc instanceof ObjectNode o)) {
            throw new KustomizeException("invalid kustomization " + file + ": expected a mapping at the top");
        }
        String kind = Json.text(o, "kind");
        if (!kind.isEmpty() && !kind.equals("Kustomization") && !kind.equals("Component")) {
            throw new KustomizeException("invalid kustomization " + file + ": kind '" + kind
                    + "' is neither Kustomization nor Component");
        }
        Set<String> deprecatedSeen = new TreeSet<>();
        for (var it = o.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!KNOWN.contains(f)) {
                throw new KustomizeException("invalid Kustomization " + file + ": json: unknown field \"" + f + "\"");
            }
            if (UNSUPPORTED.contains(f) && !o.get(f).isNull() && !o.get(f).isEmpty()) {
                throw new KustomizeException("kustomization " + file + ": field '" + f
                        + "' is not supported by Sluice's kustomize engine yet");
            }
            if (DEPRECATED.containsKey(f)) {
                deprecatedSeen.add(f);
            }
        }
        KustomizationTypes.check(o, file);
        Kustomization k = new Kustomization(o.deepCopy(), file, kind.equals("Component"));
        for (String f : deprecatedSeen) {
            // kustomize marks the vars-to-replacements fix as experimental.
            String experimental = f.equals("vars") ? " [EXPERIMENTAL]" : "";
            k.warnings.add("# Warning: '" + f + "' is deprecated. Please use '" + DEPRECATED.get(f)
                    + "' instead." + experimental + " Run 'kustomize edit fix' to update your Kustomization automatically.");
        }
        k.fixLegacy();
        return k;
    }

    private void fixLegacy() {
        JsonNode bases = spec.remove("bases");
        if (bases instanceof ArrayNode b && !b.isEmpty()) {
            ArrayNode res = spec.withArray("resources");
            b.forEach(res::add);
        }
        JsonNode imageTags = spec.remove("imageTags");
        if (imageTags instanceof ArrayNode t && !t.isEmpty()) {
            ArrayNode images = spec.withArray("images");
            t.forEach(images::add);
        }
    }

    List<String> strings(String field) {
        JsonNode n = spec.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new KustomizeException("invalid kustomization " + file + ": field '" + field + "' must be a list");
        }
        for (JsonNode e : n) {
            if (!e.isValueNode()) {
                throw new KustomizeException("invalid kustomization " + file + ": " + field + " entries must be strings, got " + e);
            }
            out.add(e.asText());
        }
        return out;
    }

    List<JsonNode> objects(String field) {
        JsonNode n = spec.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new KustomizeException("invalid kustomization " + file + ": field '" + field + "' must be a list");
        }
        n.forEach(out::add);
        return out;
    }

    String string(String field) {
        JsonNode n = spec.get(field);
        return n == null || n.isNull() ? "" : n.asText();
    }

    /** A map of strings (labels, annotations); values are printed as kustomize reads them. */
    Map<String, String> stringMap(String field) {
        return stringMap(spec.get(field), field);
    }

    Map<String, String> stringMap(JsonNode n, String field) {
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isObject()) {
            throw new KustomizeException("invalid kustomization " + file + ": field '" + field + "' must be a map");
        }
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText()));
        return out;
    }

    Path dir() {
        return file.getParent();
    }
}
