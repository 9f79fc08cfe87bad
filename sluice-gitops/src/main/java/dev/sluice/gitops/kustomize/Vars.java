package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The deprecated {@code vars}: each names an object ({@code objref}) and a field ({@code
 * fieldref.fieldpath}, default {@code metadata.name}); after the build, {@code $(NAME)} in the
 * varReference fields (container args, command, env values, ...) becomes that field's final
 * value. A field holding exactly {@code $(NAME)} takes the value's type; {@code $$} escapes.
 */
final class Vars {

    private Vars() {}

    /** Declares this kustomization's vars and binds each to its object (kustomize's MergeVars). */
    static void merge(BuildContext ctx, Kustomization k, ResourceMap ra) {
        for (JsonNode v : k.objects("vars")) {
            String name = Json.text(v, "name");
            if (name.isEmpty()) {
                throw new KustomizeException("vars entry " + v + " in " + k.file + " has no name");
            }
            if (ctx.vars.containsKey(name)) {
                throw new KustomizeException("var '" + name + "' already encountered (" + k.file + ")");
            }
            JsonNode ref = v.path("objref");
            String apiVersion = Json.text(ref, "apiVersion");
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
            String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
            String ns = Json.text(ref, "namespace");
            List<Resource> matched = new ArrayList<>();
            for (Resource r : ra.resources()) {
                List<ResId> ids = new ArrayList<>(r.prevIds);
                ids.add(r.id());
                for (ResId id : ids) {
                    if (id.kind().equals(Json.text(ref, "kind")) && id.name().equals(Json.text(ref, "name"))
                            && (group.isEmpty() || id.group().equals(group))
                            && (version.isEmpty() || id.version().equals(version))
                            && (ns.isEmpty() || id.effectiveNamespace().equals(ns))) {
                        matched.add(r);
                        break;
                    }
                }
            }
            if (matched.size() > 1) {
                throw new KustomizeException("found " + matched.size() + " resId matches for var " + name
                        + " (unable to disambiguate) in " + k.file);
            }
            if (matched.size() == 1) {
                matched.get(0).refVarNames.add(name);
            }
            ctx.vars.put(name, v);
        }
    }

    /** Replaces {@code $(NAME)} everywhere vars may appear (kustomize's ResolveVars). */
    static void resolve(BuildContext ctx, ResourceMap ra) {
        if (ctx.vars.isEmpty()) {
            return;
        }
        Map<String, JsonNode> values = new HashMap<>();
        for (var e : ctx.vars.entrySet()) {
            values.put(e.getKey(), valueOf(e.getKey(), e.getValue(), ra));
        }
        List<FieldSpec> specs = new ArrayList<>(FieldSpecs.BUILTIN.varReference());
        specs.addAll(ctx.extraVarReferences);
        Set<String> used = new HashSet<>();
        for (Resource r : ra.resources()) {
            ResId id = r.id();
            for (FieldSpec fs : specs) {
                if (fs.selects(id)) {
                    fs.visitParents(r.obj, (parent, field) -> {
                        JsonNode n = parent.get(field);
                        if (n != null) {
                            parent.set(field, expandNode(n, values, used));
                        }
                    });
                }
            }
        }
    }

    private static JsonNode valueOf(String name, JsonNode v, ResourceMap ra) {
        String path = v.path("fieldref").hasNonNull("fieldpath") ? Json.text(v.path("fieldref"), "fieldpath") : "metadata.name";
        for (Resource r : ra.resources()) {
            if (r.refVarNames.contains(name)) {
                List<JsonNode> found = new ArrayList<>();
                FieldPaths.find(r.obj, FieldPaths.split(path.replaceAll("\\[(\\d+)]", ".$1")), 0, false, found);
                if (found.isEmpty() || !found.get(0).isValueNode()) {
                    throw new KustomizeException("field specified in var '" + name + "' (" + path
                            + ") not found in corresponding resource " + r.id());
                }
                return found.get(0);
            }
        }
        throw new KustomizeException("var '" + name + "' cannot be mapped to a field in the set of known resources");
    }

    private static JsonNode expandNode(JsonNode n, Map<String, JsonNode> values, Set<String> used) {
        if (n.isTextual()) {
            return expand(n.textValue(), values, used);
        }
        if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, expandNode(a.get(i), values, used));
            }
        } else if (n instanceof ObjectNode o) {
            o.properties().forEach(e -> e.setValue(expandNode(e.getValue(), values, used)));
        }
        return n;
    }

    /** Kubernetes-style expansion of {@code $(NAME)} references; {@code $$} is a literal {@code $}. */
    static JsonNode expand(String s, Map<String, JsonNode> values, Set<String> used) {
        if (s.startsWith("$(") && s.endsWith(")") && s.indexOf(')') == s.length() - 1) {
            JsonNode v = values.get(s.substring(2, s.length() - 1));
            if (v != null) {
                used.add(s.substring(2, s.length() - 1));
                return v.isTextual() ? v : v.deepCopy();
            }
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '$' && i + 1 < s.length()) {
                char nx = s.charAt(i + 1);
                if (nx == '$') {
                    out.append('$');
                    i += 2;
                    continue;
                }
                if (nx == '(') {
                    int close = s.indexOf(')', i + 2);
                    if (close > 0) {
                        String name = s.substring(i + 2, close);
                        JsonNode v = values.get(name);
                        if (v != null) {
                            used.add(name);
                            out.append(v.asText());
                        } else {
                            out.append(s, i, close + 1);
                        }
                        i = close + 1;
                        continue;
                    }
                }
            }
            out.append(c);
            i++;
        }
        return Json.F.textNode(out.toString());
    }
}
