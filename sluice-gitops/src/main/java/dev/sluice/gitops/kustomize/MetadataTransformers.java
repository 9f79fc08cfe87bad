package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** namespace, namePrefix/nameSuffix, labels, commonLabels, commonAnnotations and replicas. */
final class MetadataTransformers {

    private MetadataTransformers() {}

    static void namespace(BuildContext ctx, String ns, ResourceMap ra) {
        namespace(ctx, ns, ra, false);
    }

    /** With {@code unsetOnly}, objects that already have a namespace keep it. */
    static void namespace(BuildContext ctx, String ns, ResourceMap ra, boolean unsetOnly) {
        if (ns.isEmpty()) {
            return;
        }
        for (Resource r : ra.resources()) {
            r.storePreviousId();
            ResId id = r.id();
            if (unsetOnly && !id.namespace().isEmpty()) {
                continue;
            }
            if (!ctx.schema.isClusterScoped(id.group(), id.kind())) {
                r.metadata().put("namespace", ns);
            }
            if (id.kind().equals("Namespace") && r.obj.path("apiVersion").asText().equals("v1")) {
                r.metadata().put("name", ns);
            }
            if (id.kind().equals("RoleBinding") || id.kind().equals("ClusterRoleBinding")) {
                for (JsonNode s : r.obj.path("subjects")) {
                    if (s instanceof ObjectNode so && Json.text(so, "name").equals("default")) {
                        so.put("namespace", ns);
                    }
                }
            }
            if (id.kind().equals("APIService") && id.group().equals("apiregistration.k8s.io")) {
                setIfParentExists(r.obj, List.of("spec", "service"), "namespace", ns, true);
            }
            if (id.kind().equals("CustomResourceDefinition")) {
                setIfParentExists(r.obj, List.of("spec", "conversion", "webhook", "clientConfig", "service"), "namespace", ns, false);
            }
        }
        ra.invalidate();
        Map<String, Resource> seen = new java.util.HashMap<>();
        for (Resource r : ra.resources()) {
            Resource prev = seen.put(r.id().key(), r);
            if (prev != null) {
                throw new KustomizeException("namespace transformation produces ID conflict: " + prev.id() + " and " + r.id());
            }
        }
    }

    private static void setIfParentExists(ObjectNode root, List<String> path, String field, String value, boolean create) {
        ObjectNode cur = root;
        for (String p : path) {
            JsonNode n = cur.get(p);
            if (n instanceof ObjectNode o) {
                cur = o;
            } else if (create) {
                cur = cur.putObject(p);
            } else {
                return;
            }
        }
        cur.put(field, value);
    }

    static void prefixSuffix(String prefix, String suffix, ResourceMap ra) {
        if (!prefix.isEmpty()) {
            for (Resource r : ra.resources()) {
                if (skipRename(r.orgId())) {
                    continue;
                }
                r.prefixes.add(prefix);
                r.storePreviousId();
                r.setName(prefix + r.name());
            }
        }
        if (!suffix.isEmpty()) {
            for (Resource r : ra.resources()) {
                if (skipRename(r.orgId())) {
                    continue;
                }
                r.suffixes.add(suffix);
                r.storePreviousId();
                r.setName(r.name() + suffix);
            }
        }
        ra.invalidate();
    }

    private static boolean skipRename(ResId id) {
        return id.kind().equals("CustomResourceDefinition")
                || id.kind().equals("Namespace")
                || (id.kind().equals("APIService") && id.group().equals("apiregistration.k8s.io"));
    }

    /** Sets every pair in the map at each field spec's path, creating the map where allowed. */
    static void setMap(Map<String, String> pairs, List<FieldSpec> specs, ResourceMap ra, String what) {
        if (pairs.isEmpty()) {
            return;
        }
        for (Resource r : ra.resources()) {
            ResId id = r.id();
            for (FieldSpec fs : specs) {
                if (!fs.selects(id)) {
                    continue;
                }
                fs.visitParents(r.obj, (parent, field) -> {
                    JsonNode n = parent.get(field);
                    if (n == null || n.isNull()) {
                        if (!fs.create()) {
                            return;
                        }
                        n = parent.putObject(field);
                    }
                    if (!(n instanceof ObjectNode m)) {
                        throw new KustomizeException("cannot set " + what + " at " + String.join("/", fs.path()) + " of " + id
                                + ": the field is not a map");
                    }
                    pairs.forEach(m::put);
                });
            }
        }
    }

    static List<FieldSpec> labelSpecs(JsonNode label, BuildContext ctx) {
        List<FieldSpec> specs = new ArrayList<>();
        label.path("fields").forEach(f -> specs.add(FieldSpec.of(f)));
        FieldSpecs b = FieldSpecs.BUILTIN;
        if (label.path("includeSelectors").asBoolean(false)) {
            specs.addAll(b.commonLabels());
            specs.addAll(ctx.extraCommonLabels);
        } else {
            if (label.path("includeTemplates").asBoolean(false)) {
                specs.addAll(b.templateLabels());
            }
            specs.add(new FieldSpec("", "", "", List.of("metadata", "labels"), true));
        }
        return specs;
    }

    static void replicas(Kustomization k, ResourceMap ra) {
        replicas(k, ra, k.objects("replicas"));
    }

    static void replicas(Kustomization k, ResourceMap ra, List<JsonNode> replicas) {
        for (JsonNode rep : replicas) {
            String name = Json.text(rep, "name");
            JsonNode count = rep.get("count");
            if (name.isEmpty() || count == null || !count.isIntegralNumber()) {
                throw new KustomizeException("replicas entry " + rep + " in " + k.file + ": expected a name and an integer count");
            }
            boolean found = false;
            for (Resource r : ra.resources()) {
                if (!r.name().equals(name) && !r.orgId().name().equals(name)) {
                    continue;
                }
                found = true;
                for (FieldSpec fs : FieldSpecs.BUILTIN.replicas()) {
                    if (fs.selects(r.id())) {
                        fs.visitParents(r.obj, (parent, field) -> parent.set(field, count.deepCopy()));
                    }
                }
            }
            if (!found) {
                throw new KustomizeException("replicas entry '" + name + "' in " + k.file + " matches no resource");
            }
        }
    }
}
