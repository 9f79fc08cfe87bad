package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;

/**
 * kustomize decodes a kustomization into typed fields and refuses, say, {@code newTag: 1.10}
 * (a number where a string belongs) instead of printing {@code 1.1}. This checks the same fields
 * and names the field path, the value and the fix.
 */
final class KustomizationTypes {

    private static final List<String> STRINGS = List.of("namespace", "namePrefix", "nameSuffix");
    private static final List<String> STRING_LISTS =
            List.of("resources", "bases", "components", "crds", "configurations", "patchesStrategicMerge", "transformers");
    private static final List<String> STRING_MAPS = List.of("commonLabels", "commonAnnotations");
    private static final List<String> IMAGE_FIELDS = List.of("name", "newName", "newTag", "digest");
    private static final List<String> GENERATOR_FIELDS = List.of("name", "namespace", "behavior", "type", "env");
    private static final List<String> GENERATOR_LISTS = List.of("literals", "files", "envs");

    private KustomizationTypes() {}

    static void check(JsonNode k, Path file) {
        for (String f : STRINGS) {
            string(k.get(f), f, file);
        }
        for (String f : STRING_LISTS) {
            eachString(k.get(f), f, file);
        }
        for (String f : STRING_MAPS) {
            stringMap(k.get(f), f, file);
        }
        each(k.get("labels"), "labels", file, (l, p) -> stringMap(l.get("pairs"), p + ".pairs", file));
        for (String list : List.of("images", "imageTags")) {
            each(k.get(list), list, file, (img, p) -> IMAGE_FIELDS.forEach(f -> string(img.get(f), p + "." + f, file)));
        }
        each(k.get("replicas"), "replicas", file, (r, p) -> {
            string(r.get("name"), p + ".name", file);
            JsonNode count = r.get("count");
            if (count != null && !count.isNull() && !count.isIntegralNumber()) {
                throw wrongType(file, p + ".count", count, "an integer");
            }
        });
        for (String gen : List.of("configMapGenerator", "secretGenerator")) {
            each(k.get(gen), gen, file, (g, p) -> {
                GENERATOR_FIELDS.forEach(f -> string(g.get(f), p + "." + f, file));
                GENERATOR_LISTS.forEach(f -> eachString(g.get(f), p + "." + f, file));
                stringMap(g.path("options").get("labels"), p + ".options.labels", file);
                stringMap(g.path("options").get("annotations"), p + ".options.annotations", file);
            });
        }
        stringMap(k.path("generatorOptions").get("labels"), "generatorOptions.labels", file);
        stringMap(k.path("generatorOptions").get("annotations"), "generatorOptions.annotations", file);
    }

    private interface Item {
        void check(JsonNode item, String path);
    }

    private static void each(JsonNode list, String path, Path file, Item check) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw wrongType(file, path, list, "a list");
        }
        for (int i = 0; i < list.size(); i++) {
            if (!list.get(i).isObject()) {
                throw wrongType(file, path + "[" + i + "]", list.get(i), "a mapping");
            }
            check.check(list.get(i), path + "[" + i + "]");
        }
    }

    private static void eachString(JsonNode list, String path, Path file) {
        if (list == null || list.isNull()) {
            return;
        }
        if (!list.isArray()) {
            throw wrongType(file, path, list, "a list of strings");
        }
        for (int i = 0; i < list.size(); i++) {
            string(list.get(i), path + "[" + i + "]", file);
        }
    }

    private static void stringMap(JsonNode map, String path, Path file) {
        if (map == null || map.isNull()) {
            return;
        }
        if (!map.isObject()) {
            throw wrongType(file, path, map, "a map of strings");
        }
        map.properties().forEach(e -> string(e.getValue(), path + "." + e.getKey(), file));
    }

    private static void string(JsonNode v, String path, Path file) {
        if (v != null && !v.isNull() && !v.isTextual()) {
            throw wrongType(file, path, v, "a string");
        }
    }

    private static KustomizeException wrongType(Path file, String path, JsonNode v, String expected) {
        String kind = v.isNumber() ? "number" : v.isBoolean() ? "bool" : v.isArray() ? "list" : v.isObject() ? "mapping" : "value";
        String hint = v.isValueNode() ? " (quote it: \"" + v.asText() + "\")" : "";
        return new KustomizeException("invalid Kustomization " + file + ": field '" + path + "' must be " + expected
                + ", got " + kind + " " + v + hint);
    }
}
