package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.api.schema.KindPattern;
import dev.sluice.api.schema.KubeSchema;
import dev.sluice.api.schema.NameReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites references to renamed objects (prefix, suffix, hash, namespace) so that every
 * referrer names the referral's final name, as kustomize's nameReference transformer does. Runs
 * once over the whole build; candidates are indexed by previous name, so the cost is linear in
 * the number of reference fields.
 */
final class NameReferences {

    private final KubeSchema schema;
    private final Map<String, List<Resource>> byPreviousName = new HashMap<>();
    private final Map<String, List<NameReference>> refsByReferrerKind = new HashMap<>();
    private final List<NameReference> wildcardRefs = new ArrayList<>();

    private NameReferences(KubeSchema schema, List<NameReference> refs, ResourceMap ra) {
        this.schema = schema;
        for (NameReference ref : refs) {
            if (ref.referrer().kind().equals("*")) {
                wildcardRefs.add(ref);
            } else {
                refsByReferrerKind.computeIfAbsent(ref.referrer().kind(), k -> new ArrayList<>()).add(ref);
            }
        }
        for (Resource r : ra.resources()) {
            Set<String> names = new HashSet<>();
            for (ResId p : r.prevIds) {
                names.add(p.name());
            }
            for (String n : names) {
                byPreviousName.computeIfAbsent(n, k -> new ArrayList<>()).add(r);
            }
        }
    }

    static void fix(BuildContext ctx, ResourceMap ra) {
        NameReferences nr = new NameReferences(ctx.schema, Configurations.all(ctx), ra);
        if (nr.byPreviousName.isEmpty()) {
            return;
        }
        for (Resource referrer : ra.resources()) {
            nr.fixReferrer(referrer);
        }
    }

    private void fixReferrer(Resource referrer) {
        ResId id = referrer.id();
        List<NameReference> refs = new ArrayList<>(refsByReferrerKind.getOrDefault(id.kind(), List.of()));
        refs.addAll(wildcardRefs);
        for (NameReference ref : refs) {
            if (!ref.referrer().matches(id.group(), id.kind())) {
                continue;
            }
            visit(referrer.obj, ref.path(), 0, referrer, ref);
        }
    }

    private void visit(JsonNode node, List<String> path, int i, Resource referrer, NameReference ref) {
        if (node instanceof ArrayNode a) {
            for (JsonNode e : a) {
                visit(e, path, i, referrer, ref);
            }
            return;
        }
        if (!(node instanceof ObjectNode o)) {
            return;
        }
        String field = path.get(i);
        JsonNode child = o.get(field);
        if (child == null || child.isNull()) {
            return;
        }
        if (i < path.size() - 1) {
            visit(child, path, i + 1, referrer, ref);
            return;
        }
        if (child.isTextual()) {
            Resource referral = select(child.asText(), referrer, ref, null);
            if (referral != null && !referral.name().equals(child.asText())) {
                o.set(field, TextNode.valueOf(referral.name()));
            }
        } else if (child instanceof ArrayNode list) {
            for (int j = 0; j < list.size(); j++) {
                JsonNode e = list.get(j);
                if (e.isTextual()) {
                    Resource referral = select(e.asText(), referrer, ref, null);
                    if (referral != null) {
                        list.set(j, TextNode.valueOf(referral.name()));
                    }
                } else if (e instanceof ObjectNode eo) {
                    setMapping(eo, referrer, ref);
                }
            }
        } else if (child instanceof ObjectNode co) {
            setMapping(co, referrer, ref);
        }
    }

    private void setMapping(ObjectNode node, Resource referrer, NameReference ref) {
        JsonNode name = node.get("name");
        if (name == null || !name.isTextual()) {
            return;
        }
        String ns = node.has("namespace") ? node.get("namespace").asText() : null;
        Resource referral = select(name.asText(), referrer, ref, ns);
        if (referral == null) {
            return;
        }
        String refNs = Json.text(referral.obj.path("metadata"), "namespace");
        if (referral.name().equals(name.asText()) && refNs.isEmpty()) {
            return;
        }
        node.put("name", referral.name());
        if (!refNs.isEmpty()) {
            node.put("namespace", refNs);
        }
    }

    private Resource select(String oldName, Resource referrer, NameReference ref, String mapNamespace) {
        List<Resource> byName = byPreviousName.get(oldName);
        if (byName == null) {
            return null;
        }
        ResId rid = referrer.id();
        boolean referrerClusterScoped = schema.isClusterScoped(rid.group(), rid.kind());
        KindPattern roleRef = roleRefPattern(referrer, ref);
        Set<String> bindingNamespaces = bindingNamespaces(referrer);
        List<Resource> candidates = new ArrayList<>();
        for (Resource c : byName) {
            if (c == referrer && !ref.referral().matches(rid.group(), rid.kind())) {
                continue;
            }
            ResId cid = c.id();
            boolean cClusterScoped = schema.isClusterScoped(cid.group(), cid.kind());
            if (mapNamespace != null && !c.orgId().namespace().equals(mapNamespace) && !cid.namespace().equals(mapNamespace)) {
                continue;
            }
            if (!referrerClusterScoped && !cClusterScoped && !cid.effectiveNamespace().equals(rid.effectiveNamespace())
                    && !bindingNamespaces.contains(cid.namespace())) {
                continue;
            }
            if (!anyPrevSelected(c, ref.referral()) || (roleRef != null && !anyPrevSelected(c, roleRef))) {
                continue;
            }
            if (!referrerClusterScoped && !cClusterScoped && !cid.kind().equals("ServiceAccount")
                    && !cid.effectiveNamespace().equals(rid.effectiveNamespace())) {
                continue;
            }
            candidates.add(c);
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        List<Resource> sieved = candidates.stream().filter(c -> c.prefixesSuffixesEqual(referrer, true)).toList();
        if (sieved.size() > 1) {
            sieved = sieved.stream().filter(c -> c.prefixesSuffixesEqual(referrer, false)).toList();
        }
        if (sieved.size() == 1) {
            return sieved.get(0);
        }
        if (sieved.isEmpty()) {
            return null;
        }
        Resource first = sieved.get(0);
        boolean identical = sieved.stream().allMatch(c -> c.name().equals(first.name())
                && (mapNamespace == null || c.id().namespace().equals(first.id().namespace())));
        if (identical) {
            return first;
        }
        throw new KustomizeException("found multiple possible referrals: "
                + sieved.stream().map(r -> r.id().toString()).toList() + " for '" + oldName + "' in "
                + String.join("/", ref.path()) + " of " + rid);
    }

    private static boolean anyPrevSelected(Resource c, KindPattern p) {
        for (ResId id : c.prevIds) {
            if (p.matches(id.group(), id.kind())) {
                return true;
            }
        }
        return false;
    }

    private static KindPattern roleRefPattern(Resource referrer, NameReference ref) {
        List<String> path = ref.path();
        if (path.size() < 2 || !path.get(path.size() - 2).equals("roleRef")) {
            return null;
        }
        JsonNode rr = referrer.obj.path("roleRef");
        if (!rr.has("apiGroup") || !rr.has("kind")) {
            return null;
        }
        return new KindPattern(Json.text(rr, "apiGroup"), Json.text(rr, "kind"));
    }

    private static Set<String> bindingNamespaces(Resource referrer) {
        String kind = referrer.kind();
        if (!kind.equals("RoleBinding") && !kind.equals("ClusterRoleBinding")) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        for (JsonNode s : referrer.obj.path("subjects")) {
            if (s.has("namespace")) {
                out.add(s.get("namespace").asText());
            }
        }
        return out;
    }
}
