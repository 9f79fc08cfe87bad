package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** configMapGenerator and secretGenerator, with behaviors create, merge and replace. */
final class Generators {

    private static final Pattern KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private Generators() {}

    static void run(BuildContext ctx, Kustomization k, ResourceMap ra) {
        JsonNode global = k.spec.path("generatorOptions");
        for (JsonNode args : k.objects("configMapGenerator")) {
            absorb(ra, generate(ctx, k, args, global, false));
        }
        for (JsonNode args : k.objects("secretGenerator")) {
            absorb(ra, generate(ctx, k, args, global, true));
        }
    }

    private static Resource generate(BuildContext ctx, Kustomization k, JsonNode args, JsonNode global, boolean secret) {
        String what = secret ? "secretGenerator" : "configMapGenerator";
        String name = Json.text(args, "name");
        if (name.isEmpty()) {
            throw new KustomizeException(what + " entry in " + k.file + " has no name");
        }
        String where = what + " '" + name + "' in " + k.file;
        Map<String, String> text = new TreeMap<>();
        Map<String, byte[]> binary = new TreeMap<>();
        for (JsonNode env : envSources(args)) {
            Path p = ctx.loader.resolve(k.dir(), env.asText(), what + " envs", k.file);
            EnvFiles.parse(ctx.loader.readBytes(p), p).forEach((key, v) -> put(text, binary, key, v.getBytes(StandardCharsets.UTF_8), where));
        }
        for (JsonNode lit : args.path("literals")) {
            String s = lit.asText();
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new KustomizeException("invalid literal source " + s + ", expected key=value (" + where + ")");
            }
            String value = removeQuotes(s.substring(eq + 1));
            put(text, binary, checkKey(s.substring(0, eq), where), value.getBytes(StandardCharsets.UTF_8), where);
        }
        for (JsonNode f : args.path("files")) {
            String s = f.asText();
            int eq = s.indexOf('=');
            String key = eq < 0 ? null : s.substring(0, eq);
            String rel = eq < 0 ? s : s.substring(eq + 1);
            if (key != null && key.isEmpty()) {
                throw new KustomizeException("key name for file path " + rel + " missing (" + where + ")");
            }
            Path p = ctx.loader.resolve(k.dir(), rel, what + " files", k.file);
            if (Files.isDirectory(p)) {
                throw new KustomizeException("file source " + rel + " is a directory (" + where + ")");
            }
            String dataKey = key != null ? key : p.getFileName().toString();
            put(text, binary, checkKey(dataKey, where), ctx.loader.readBytes(p), where);
        }

        ObjectNode obj = Json.F.objectNode();
        obj.put("apiVersion", "v1");
        obj.put("kind", secret ? "Secret" : "ConfigMap");
        ObjectNode meta = obj.putObject("metadata");
        meta.put("name", name);
        String ns = Json.text(args, "namespace");
        if (!ns.isEmpty()) {
            meta.put("namespace", ns);
        }
        if (secret) {
            String type = Json.text(args, "type");
            obj.put("type", type.isEmpty() ? "Opaque" : type);
            if (!text.isEmpty() || !binary.isEmpty()) {
                ObjectNode data = obj.putObject("data");
                text.forEach((key, v) -> data.put(key, base64Lines(v.getBytes(StandardCharsets.UTF_8))));
                binary.forEach((key, v) -> data.put(key, base64Lines(v)));
            }
        } else {
            if (!text.isEmpty()) {
                ObjectNode data = obj.putObject("data");
                text.forEach(data::put);
            }
            if (!binary.isEmpty()) {
                ObjectNode data = obj.putObject("binaryData");
                binary.forEach((key, v) -> data.put(key, base64Lines(v)));
            }
        }
        JsonNode local = args.path("options");
        applyOptions(obj, meta, global, local);
        Resource r = new Resource(obj);
        r.behavior = Json.text(args, "behavior").isEmpty() ? "create" : Json.text(args, "behavior");
        if (!List.of("create", "merge", "replace").contains(r.behavior)) {
            throw new KustomizeException("invalid behavior '" + r.behavior + "' (" + where + "); expected create, merge or replace");
        }
        r.needsHash = !disableHash(global, local);
        return r;
    }

    private static List<JsonNode> envSources(JsonNode args) {
        List<JsonNode> out = new java.util.ArrayList<>();
        args.path("envs").forEach(out::add);
        if (args.hasNonNull("env")) {
            out.add(args.get("env"));
        }
        return out;
    }

    private static boolean disableHash(JsonNode global, JsonNode local) {
        // kustomize ORs the global option into the local one.
        return global.path("disableNameSuffixHash").asBoolean(false) || local.path("disableNameSuffixHash").asBoolean(false);
    }

    /** Base64 as kustomize writes generated values: past 70 characters, lines of 70, each ended by a newline. */
    static String base64Lines(byte[] v) {
        String enc = Base64.getEncoder().encodeToString(v);
        if (enc.length() < 70) {
            return enc;
        }
        StringBuilder sb = new StringBuilder(enc.length() + enc.length() / 70 + 1);
        for (int i = 0; i < enc.length(); i += 70) {
            sb.append(enc, i, Math.min(enc.length(), i + 70)).append('\n');
        }
        return sb.toString();
    }

    private static void applyOptions(ObjectNode obj, ObjectNode meta, JsonNode global, JsonNode local) {
        for (String field : List.of("labels", "annotations")) {
            Map<String, String> merged = new TreeMap<>();
            global.path(field).properties().forEach(e -> merged.put(e.getKey(), e.getValue().asText()));
            local.path(field).properties().forEach(e -> merged.put(e.getKey(), e.getValue().asText()));
            if (!merged.isEmpty()) {
                ObjectNode m = meta.putObject(field);
                merged.forEach(m::put);
            }
        }
        if (local.path("immutable").asBoolean(false) || global.path("immutable").asBoolean(false)) {
            obj.put("immutable", true);
        }
    }

    private static void put(Map<String, String> text, Map<String, byte[]> binary, String key, byte[] value, String where) {
        if (text.containsKey(key) || binary.containsKey(key)) {
            throw new KustomizeException("configmap/secret key '" + key + "' is repeated (" + where + ")");
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value)).toString();
            text.put(key, s);
        } catch (CharacterCodingException e) {
            binary.put(key, value);
        }
    }

    private static String checkKey(String key, String where) {
        if (!KEY.matcher(key).matches()) {
            throw new KustomizeException("invalid key '" + key + "' (" + where
                    + "): a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
        }
        return key;
    }

    static String removeQuotes(String s) {
        if (s.length() < 2 || s.charAt(0) != s.charAt(s.length() - 1)) {
            return s;
        }
        char q = s.charAt(0);
        return q == '"' || q == '\'' ? s.substring(1, s.length() - 1) : s;
    }

    /** kustomize's appendReplaceOrMerge. */
    private static void absorb(ResourceMap ra, Resource res) {
        List<Resource> matches = ra.matchingAnyId(res.id());
        if (matches.isEmpty()) {
            if (!res.behavior.equals("create")) {
                throw new KustomizeException("id " + res.id() + " does not exist; cannot merge or replace");
            }
            ra.append(res);
            return;
        }
        if (matches.size() > 1) {
            throw new KustomizeException("found multiple objects " + matches.stream().map(Resource::id).toList()
                    + " that could accept merge of " + res.id());
        }
        Resource old = matches.get(0);
        switch (res.behavior) {
            case "replace" -> {
                mergeMetadata(old, res);
                for (String f : List.of("data", "binaryData", "stringData")) {
                    old.obj.remove(f);
                    if (res.obj.has(f)) {
                        old.obj.set(f, res.obj.get(f));
                    }
                }
            }
            case "merge" -> {
                mergeMetadata(old, res);
                for (String f : List.of("data", "binaryData")) {
                    if (res.obj.get(f) instanceof ObjectNode add) {
                        Json.childObject(old.obj, f).setAll(add);
                    }
                }
            }
            default -> throw new KustomizeException("id " + res.id() + " exists; behavior must be merge or replace");
        }
        old.needsHash = old.needsHash || res.needsHash;
    }

    private static void mergeMetadata(Resource old, Resource res) {
        for (String f : List.of("labels", "annotations")) {
            if (res.obj.path("metadata").get(f) instanceof ObjectNode add) {
                Json.childObject(old.metadata(), f).setAll(add);
            }
        }
    }
}
