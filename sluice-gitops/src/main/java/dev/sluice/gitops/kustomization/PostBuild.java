package dev.sluice.gitops.kustomization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.KubeObject;
import dev.sluice.api.Yaml;
import dev.sluice.api.YamlDocument;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a Kustomization's {@code postBuild.substitute} variables to built objects, as Flux does
 * after the kustomize build. Objects labelled or annotated
 * {@code kustomize.toolkit.fluxcd.io/substitute: disabled} are left alone.
 *
 * <p>Flux substitutes in each object's YAML text and parses it again, so {@code replicas: ${N}}
 * becomes the number 3. We substitute string values in the tree and read a changed value again as
 * a plain YAML scalar, which gives the same types without re-parsing the whole document (and
 * without a value like {@code "a: b"} turning into a mapping).
 */
public final class PostBuild {

    public static final String DISABLE_KEY = "kustomize.toolkit.fluxcd.io/substitute";

    private PostBuild() {
    }

    /**
     * @throws Envsubst.SubstitutionException naming the object and the variable
     */
    public static List<KubeObject> substitute(List<KubeObject> objects, Map<String, String> vars) {
        return objects.stream().map(o -> substitute(o, vars)).toList();
    }

    public static KubeObject substitute(KubeObject object, Map<String, String> vars) {
        if ("disabled".equals(object.labels().get(DISABLE_KEY)) || "disabled".equals(object.annotations().get(DISABLE_KEY))) {
            return object;
        }
        try {
            ObjectNode tree = object.toNode();
            JsonNode result = walk(tree, vars);
            return KubeObject.of(result);
        } catch (Envsubst.SubstitutionException e) {
            throw new Envsubst.SubstitutionException(object + ": " + e.getMessage());
        }
    }

    private static JsonNode walk(JsonNode node, Map<String, String> vars) {
        if (node instanceof ObjectNode o) {
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = Envsubst.hasReference(e.getKey()) ? Envsubst.eval(e.getKey(), vars) : e.getKey();
                fields.put(key, walk(e.getValue(), vars));
            }
            o.removeAll();
            o.setAll(fields);
            return o;
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, walk(a.get(i), vars));
            }
            return a;
        }
        if (node instanceof TextNode t && Envsubst.hasReference(t.asText())) {
            return rescan(Envsubst.eval(t.asText(), vars));
        }
        return node;
    }

    /** Reads a substituted single-line value as a plain YAML scalar (number, bool, null or string). */
    private static JsonNode rescan(String value) {
        if (value.isEmpty() || value.contains("\n") || value.contains(": ") || value.contains(" #")
                || value.startsWith(" ") || value.endsWith(" ") || "[{&*!|>'\"%@`,?:-#".indexOf(value.charAt(0)) >= 0
                && !value.matches("-?[0-9.].*")) {
            return TextNode.valueOf(value);
        }
        try {
            List<YamlDocument> docs = Yaml.readAll("v: " + value, "substitution");
            JsonNode v = docs.get(0).content().path("v");
            return v.isValueNode() || v.isNull() ? v : TextNode.valueOf(value);
        } catch (InvalidInputException e) {
            return TextNode.valueOf(value);
        }
    }
}
