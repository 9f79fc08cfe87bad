package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One kustomization (or component) directory: accumulates its resources, runs its generators,
 * components and transformers, in kustomize's order.
 */
final class KustTarget {

    private final BuildContext ctx;
    final Kustomization k;

    KustTarget(BuildContext ctx, Kustomization k) {
        this.ctx = ctx;
        this.k = k;
        ctx.warnings.addAll(k.warnings);
    }

    /** Loads the kustomization file of {@code dir}; exactly one of the known names must exist. */
    static Kustomization load(BuildContext ctx, Path dir) {
        Path found = null;
        for (String name : Kustomization.FILE_NAMES) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                if (found != null) {
                    throw new KustomizeException("Found multiple kustomization files under: " + dir);
                }
                found = p;
            }
        }
        if (found == null) {
            throw new KustomizeException("unable to find one of 'kustomization.yaml', 'kustomization.yml' or "
                    + "'Kustomization' in directory '" + dir + "'");
        }
        ctx.loader.requireInside(found);
        List<JsonNode> docs = ManifestReader.readAll(ctx.loader.read(found), found.toString());
        if (docs.size() != 1) {
            throw new KustomizeException("kustomization " + found + " must hold exactly one YAML document, found " + docs.size());
        }
        return Kustomization.parse(docs.get(0), found);
    }

    void accumulate(ResourceMap ra) {
        Path dir = k.dir();
        if (ctx.stack.contains(dir)) {
            StringBuilder cycle = new StringBuilder();
            for (Path p : ctx.stack.subList(ctx.stack.indexOf(dir), ctx.stack.size())) {
                cycle.append(p).append(" -> ");
            }
            throw new KustomizeException("cycle detected: kustomization bases form a loop: " + cycle + dir);
        }
        ctx.stack.add(dir);
        try {
            for (String entry : k.strings("resources")) {
                accumulateResource(ra, entry);
            }
            Configurations.load(ctx, k);
            Generators.run(ctx, k, ra);
            for (String entry : k.strings("components")) {
                accumulateComponent(ra, entry);
            }
            Transformers.run(ctx, k, ra);
            Vars.merge(ctx, k, ra);
        } finally {
            ctx.stack.remove(ctx.stack.size() - 1);
        }
    }

    private void accumulateResource(ResourceMap ra, String entry) {
        if (isRemote(entry)) {
            if (!ctx.options.allowRemoteBases()) {
                throw new KustomizeException("remote resource '" + entry + "' in " + k.file
                        + " refused: remote bases are disabled");
            }
            throw new KustomizeException("remote resource '" + entry + "' in " + k.file
                    + ": fetching remote bases is not supported yet");
        }
        Path p = ctx.loader.resolve(k.dir(), entry, "resources", k.file);
        if (Files.isDirectory(p)) {
            Kustomization sub = load(ctx, p);
            if (sub.component) {
                throw new KustomizeException("resources entry '" + entry + "' in " + k.file
                        + " is a Component; list it under 'components'");
            }
            ResourceMap subRa = new ResourceMap();
            new KustTarget(ctx, sub).accumulate(subRa);
            try {
                ra.appendAll(subRa);
            } catch (KustomizeException e) {
                throw e.wrap("accumulating resources from '" + entry + "' in " + k.file);
            }
            return;
        }
        List<JsonNode> docs = ManifestReader.readAll(ctx.loader.read(p), p.toString());
        for (JsonNode doc : docs) {
            addDocument(ra, doc, p, entry);
        }
    }

    private void addDocument(ResourceMap ra, JsonNode doc, Path file, String entry) {
        if (!(doc instanceof ObjectNode o)) {
            throw new KustomizeException("resource file " + file + " holds a document that is not a mapping");
        }
        String kind = Json.text(o, "kind");
        if (kind.isEmpty()) {
            throw new KustomizeException("missing kind in a document of " + file + " (resources entry '" + entry
                    + "' in " + k.file + ")");
        }
        if (kind.equals("Kustomization") && Json.text(o, "apiVersion").startsWith("kustomize.config.k8s.io")) {
            throw new KustomizeException("resources entry '" + entry + "' in " + k.file
                    + " is a kustomization file; list its directory instead");
        }
        if (kind.endsWith("List") && o.get("items") != null && o.get("items").isArray()) {
            for (JsonNode item : o.get("items")) {
                addDocument(ra, item, file, entry);
            }
            return;
        }
        if (Json.text(o.path("metadata"), "name").isEmpty() && o.path("metadata").path("generateName").isMissingNode()) {
            throw new KustomizeException("missing metadata.name in " + kind + " of " + file);
        }
        try {
            ra.append(new Resource(o));
        } catch (KustomizeException e) {
            throw e.wrap("accumulating resources from '" + entry + "' in " + k.file);
        }
    }

    private void accumulateComponent(ResourceMap ra, String entry) {
        if (isRemote(entry)) {
            throw new KustomizeException("remote component '" + entry + "' in " + k.file
                    + (ctx.options.allowRemoteBases() ? ": fetching remote components is not supported yet"
                    : " refused: remote bases are disabled"));
        }
        Path p = ctx.loader.resolve(k.dir(), entry, "components", k.file);
        if (!Files.isDirectory(p)) {
            throw new KustomizeException("components entry '" + entry + "' in " + k.file + " must be a directory");
        }
        Kustomization sub = load(ctx, p);
        if (!sub.component) {
            throw new KustomizeException("components entry '" + entry + "' in " + k.file
                    + ": expected kind 'Component' in " + sub.file + " but got 'Kustomization'");
        }
        new KustTarget(ctx, sub).accumulate(ra);
    }

    static boolean isRemote(String entry) {
        return entry.contains("://") || entry.startsWith("git@") || entry.startsWith("github.com/")
                || entry.startsWith("gitlab.com/") || entry.startsWith("bitbucket.org/");
    }
}
