package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code images} transformer: rewrites the name, tag or digest of every container and init
 * container image (found anywhere in an object, as kustomize's legacy filter does) that matches.
 */
final class Images {

    private Images() {}

    static void run(BuildContext ctx, Kustomization k, ResourceMap ra) {
        run(ctx, k, ra, k.objects("images"), List.of());
    }

    /** Applies {@code images}; {@code extraSpecs} are more fields holding images (a transformer's fieldSpecs). */
    static void run(BuildContext ctx, Kustomization k, ResourceMap ra, List<JsonNode> images, List<FieldSpec> extraSpecs) {
        for (JsonNode img : images) {
            String name = Json.text(img, "name");
            if (name.isEmpty()) {
                throw new KustomizeException("images entry " + img + " in " + k.file + " has no name");
            }
            Pattern match = Pattern.compile("^" + Pattern.quote(name)
                    + "(:[a-zA-Z0-9_.{}-]*)?(@[a-zA-Z0-9]+([.+_-][a-zA-Z0-9]+)*:[a-zA-Z0-9_.{}-]*)?$");
            Rewrite rw = new Rewrite(match, Json.text(img, "newName"), newTag(img), Json.text(img, "digest"));
            for (Resource r : ra.resources()) {
                if (r.kind().equals("CustomResourceDefinition")) {
                    continue;
                }
                walk(r.obj, rw);
                for (FieldSpec fs : FieldSpecs.BUILTIN.images()) {
                    fs.visitParents(r.obj, (parent, field) -> rewrite(parent, field, rw));
                }
                for (FieldSpec fs : concat(ctx.extraImages, extraSpecs)) {
                    if (fs.selects(r.id())) {
                        fs.visitParents(r.obj, (parent, field) -> rewrite(parent, field, rw));
                    }
                }
            }
        }
    }

    private static List<FieldSpec> concat(List<FieldSpec> a, List<FieldSpec> b) {
        List<FieldSpec> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static String newTag(JsonNode img) {
        JsonNode t = img.get("newTag");
        return t == null || t.isNull() ? "" : t.asText();
    }

    private record Rewrite(Pattern match, String newName, String newTag, String digest) {}

    private static void walk(JsonNode n, Rewrite rw) {
        if (n instanceof ObjectNode o) {
            for (var e : o.properties()) {
                walk(e.getValue(), rw);
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers")) && e.getValue() instanceof ArrayNode a) {
                    for (JsonNode c : a) {
                        if (c instanceof ObjectNode co) {
                            rewrite(co, "image", rw);
                        }
                    }
                }
            }
        } else if (n instanceof ArrayNode a) {
            a.forEach(e -> walk(e, rw));
        }
    }

    private static void rewrite(ObjectNode parent, String field, Rewrite rw) {
        JsonNode v = parent.get(field);
        if (v == null || !v.isTextual() || !rw.match().matcher(v.asText()).matches()) {
            return;
        }
        String[] parts = split(v.asText());
        String name = rw.newName().isEmpty() ? parts[0] : rw.newName();
        String tag = parts[1];
        String digest = parts[2];
        if (!rw.newTag().isEmpty() && !rw.digest().isEmpty()) {
            tag = rw.newTag();
            digest = rw.digest();
        } else if (!rw.newTag().isEmpty()) {
            tag = rw.newTag();
            digest = "";
        } else if (!rw.digest().isEmpty()) {
            tag = "";
            digest = rw.digest();
        }
        String out = name + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
        parent.put(field, out);
    }

    /** name, tag, digest of an image reference (a registry port is not a tag). */
    static String[] split(String image) {
        int slash = image.indexOf('/');
        int base = slash > 0 ? slash : 0;
        String search = image.substring(base);
        int at = search.indexOf('@');
        int colon = search.indexOf(':');
        if (at < 0 && colon < 0) {
            return new String[] {image, "", ""};
        }
        if (at >= 0 && (at < colon || colon < 0)) {
            return new String[] {image.substring(0, base + at), "", image.substring(base + at + 1)};
        }
        if (at >= 0) {
            return new String[] {image.substring(0, base + colon), image.substring(base + colon + 1, base + at),
                    image.substring(base + at + 1)};
        }
        return new String[] {image.substring(0, base + colon), image.substring(base + colon + 1), ""};
    }
}
