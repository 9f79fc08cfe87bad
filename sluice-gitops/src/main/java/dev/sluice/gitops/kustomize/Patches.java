package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code patches}, {@code patchesStrategicMerge} and {@code patchesJson6902} transformers. */
final class Patches {

    private Patches() {}

    /** {@code patchesStrategicMerge}: each entry a file path or an inline patch, matched by id. */
    static void strategicMerge(BuildContext ctx, Kustomization k, ResourceMap ra) {
        strategicMerge(ctx, k, ra, k.strings("patchesStrategicMerge"));
    }

    static void strategicMerge(BuildContext ctx, Kustomization k, ResourceMap ra, List<String> entries) {
        for (String entry : entries) {
            boolean inline = entry.contains("\n") || entry.trim().startsWith("apiVersion") || entry.trim().startsWith("kind");
            String text;
            String source;
            if (inline) {
                text = entry;
                source = "inline patchesStrategicMerge entry in " + k.file;
            } else {
                Path p = ctx.loader.resolve(k.dir(), entry, "patchesStrategicMerge", k.file);
                text = ctx.loader.read(p);
                source = p.toString();
            }
            for (JsonNode doc : ManifestReader.readAll(text, source)) {
                applySmpById(ctx, ra, asObject(doc, source), source);
            }
        }
    }

    /** {@code patches}: SMP or JSON 6902, from a file or inline, with an optional target. */
    static void patches(BuildContext ctx, Kustomization k, ResourceMap ra) {
        int i = 0;
        for (JsonNode entry : k.objects("patches")) {
            patch(ctx, k, ra, entry, "patches[" + i++ + "] in " + k.file);
        }
    }

    /** One {@code patches} entry ({@code path} or {@code patch}, optional {@code target}). */
    static void patch(BuildContext ctx, Kustomization k, ResourceMap ra, JsonNode entry, String where) {
        String text;
        String source;
        if (entry.hasNonNull("path") && entry.hasNonNull("patch")) {
            throw new KustomizeException(where + ": set either 'path' or 'patch', not both");
        }
        if (entry.hasNonNull("path")) {
            Path p = ctx.loader.resolve(k.dir(), Json.text(entry, "path"), "patches", k.file);
            text = ctx.loader.read(p);
            source = p.toString();
        } else if (entry.hasNonNull("patch")) {
            text = Json.text(entry, "patch");
            source = where;
        } else {
            throw new KustomizeException(where + ": must specify one of patch or path");
        }
        PatchTarget target = entry.hasNonNull("target") ? PatchTarget.parse(entry.get("target"), where) : null;
        apply(ctx, ra, text, source, target, where);
    }

    /** {@code patchesJson6902}: a target (group, version, kind, name, namespace) and ops. */
    static void json6902(BuildContext ctx, Kustomization k, ResourceMap ra) {
        int i = 0;
        for (JsonNode entry : k.objects("patchesJson6902")) {
            json6902(ctx, k, ra, entry, "patchesJson6902[" + i++ + "] in " + k.file);
        }
    }

    /** One JSON 6902 patch: {@code target} and {@code path}, {@code patch} or {@code jsonOp}. */
    static void json6902(BuildContext ctx, Kustomization k, ResourceMap ra, JsonNode entry, String where) {
        if (!entry.hasNonNull("target")) {
            throw new KustomizeException(where + ": must specify the target field");
        }
        String text;
        String source;
        if (entry.hasNonNull("path")) {
            Path p = ctx.loader.resolve(k.dir(), Json.text(entry, "path"), "patchesJson6902", k.file);
            text = ctx.loader.read(p);
            source = p.toString();
        } else {
            text = entry.hasNonNull("jsonOp") ? Json.text(entry, "jsonOp") : Json.text(entry, "patch");
            source = where;
        }
        apply(ctx, ra, text, source, PatchTarget.parse(entry.get("target"), where), where);
    }

    private static void apply(BuildContext ctx, ResourceMap ra, String text, String source, PatchTarget target, String where) {
        List<JsonNode> docs = ManifestReader.readAll(text, source, true);
        if (docs.size() == 1 && docs.get(0) instanceof ArrayNode ops) {
            if (target == null) {
                throw new KustomizeException(where + ": a JSON 6902 patch needs a target");
            }
            for (Resource r : select(ra, target)) {
                // kustomize keeps internal annotations on every object while it builds, so a patch may
                // always add under /metadata/annotations; an emptied map disappears with them.
                boolean added = !(r.obj.path("metadata").get("annotations") instanceof ObjectNode);
                if (added) {
                    r.metadata().putObject("annotations");
                }
                r.obj = JsonPatch.apply(r.obj, ops, source);
                JsonNode after = r.obj.path("metadata").get("annotations");
                if (after != null && (!(after instanceof ObjectNode) || after.isEmpty())) {
                    ((ObjectNode) r.obj.get("metadata")).remove("annotations");
                }
            }
            ra.invalidate();
            return;
        }
        // Strategic merge patches keep go-yaml v3 typing.
        for (JsonNode doc : ManifestReader.readAll(text, source)) {
            ObjectNode patch = asObject(doc, source);
            if (target == null) {
                applySmpById(ctx, ra, patch, source);
                continue;
            }
            for (Resource r : select(ra, target)) {
                ObjectNode p = patch.deepCopy();
                ObjectNode meta = Json.childObject(p, "metadata");
                meta.put("name", r.name());
                String ns = Json.text(r.obj.path("metadata"), "namespace");
                if (ns.isEmpty()) {
                    meta.remove("namespace");
                } else {
                    meta.put("namespace", ns);
                }
                p.put("apiVersion", Json.text(r.obj, "apiVersion"));
                p.put("kind", r.kind());
                smp(ctx, ra, r, p);
            }
        }
    }

    private static List<Resource> select(ResourceMap ra, PatchTarget target) {
        List<Resource> out = new ArrayList<>();
        for (Resource r : ra.resources()) {
            if (target.matches(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static void applySmpById(BuildContext ctx, ResourceMap ra, ObjectNode patch, String source) {
        ResId id = ResId.of(patch);
        List<Resource> matches = ra.matchingAnyId(id);
        if (matches.isEmpty()) {
            throw new KustomizeException("no resource matches strategic merge patch \"" + id + "\" (" + source + ")");
        }
        if (matches.size() > 1) {
            throw new KustomizeException("multiple resources match strategic merge patch \"" + id + "\" (" + source + ")");
        }
        Resource r = matches.get(0);
        ObjectNode p = patch.deepCopy();
        // The patch names an earlier id of the target; merge as if it named the current one.
        ObjectNode meta = Json.childObject(p, "metadata");
        meta.put("name", r.name());
        String ns = Json.text(r.obj.path("metadata"), "namespace");
        if (ns.isEmpty()) {
            meta.remove("namespace");
        } else {
            meta.put("namespace", ns);
        }
        smp(ctx, ra, r, p);
    }

    private static void smp(BuildContext ctx, ResourceMap ra, Resource r, ObjectNode patch) {
        Optional<ObjectNode> result = StrategicMerge.apply(ctx.schema, r.obj, patch);
        if (result.isEmpty()) {
            ra.remove(r);
        } else {
            r.obj = result.get();
        }
        ra.invalidate();
    }

    private static ObjectNode asObject(JsonNode doc, String source) {
        if (!(doc instanceof ObjectNode o)) {
            throw new KustomizeException("patch " + source + " is neither a strategic merge patch (a mapping) nor a JSON 6902 patch (a list)");
        }
        return o;
    }
}
