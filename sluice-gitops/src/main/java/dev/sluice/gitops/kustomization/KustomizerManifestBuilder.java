package dev.sluice.gitops.kustomization;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.kustomize.KustomizationSpec;
import dev.sluice.api.meta.KustomizeRecords;
import dev.sluice.gitops.kustomize.BuildResult;
import dev.sluice.gitops.kustomize.KustomizeException;
import dev.sluice.gitops.kustomize.KustomizeOptions;
import dev.sluice.gitops.kustomize.Kustomizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link ManifestBuilder} on Sluice's kustomize engine, in Flux's mode: anything inside the artifact
 * may be read, a kustomization is generated when the path has none, and the Kustomization's
 * targetNamespace, namePrefix, nameSuffix, patches, images and components are laid over the
 * directory's own kustomization as Flux's generated kustomization does.
 */
public final class KustomizerManifestBuilder implements ManifestBuilder {

    private final Kustomizer kustomizer = new Kustomizer();

    @Override
    public Built build(Path root, Path dir, KustomizationSpec spec) throws BuildException {
        if (!dir.startsWith(root)) {
            throw new BuildException("path '" + spec.path() + "' points outside the source");
        }
        if (!Files.isDirectory(dir)) {
            throw new BuildException("kustomization path not found: " + root.relativize(dir) + " does not exist in the source");
        }
        BuildResult result;
        try {
            result = kustomizer.build(dir, KustomizeOptions.flux(root).withOverlay(overlay(spec)));
        } catch (KustomizeException e) {
            throw new BuildException("kustomize build failed: " + e.getMessage().replace(root.toString() + "/", ""), e);
        }
        List<KubeObject> objects = new ArrayList<>(result.objects().size());
        for (ObjectNode o : result.objects()) {
            try {
                objects.add(KubeObject.of(o));
            } catch (InvalidInputException e) {
                throw new BuildException("kustomize build produced an invalid object: " + e.getMessage());
            }
        }
        return new Built(objects, result.warnings());
    }

    /** The kustomization fields Flux generates from the Kustomization spec; null when there are none. */
    static ObjectNode overlay(KustomizationSpec spec) {
        ObjectNode o = Json.object();
        if (!spec.targetNamespace().isEmpty()) {
            o.put("namespace", spec.targetNamespace());
        }
        if (!spec.namePrefix().isEmpty()) {
            o.put("namePrefix", spec.namePrefix());
        }
        if (!spec.nameSuffix().isEmpty()) {
            o.put("nameSuffix", spec.nameSuffix());
        }
        if (!spec.patches().isEmpty()) {
            ArrayNode patches = o.putArray("patches");
            for (KustomizeRecords.Patch p : spec.patches()) {
                ObjectNode n = patches.addObject().put("patch", p.patch());
                p.target().ifPresent(t -> {
                    ObjectNode target = n.putObject("target");
                    put(target, "group", t.group());
                    put(target, "version", t.version());
                    put(target, "kind", t.kind());
                    put(target, "name", t.name());
                    put(target, "namespace", t.namespace());
                    put(target, "labelSelector", t.labelSelector());
                    put(target, "annotationSelector", t.annotationSelector());
                });
            }
        }
        if (!spec.images().isEmpty()) {
            ArrayNode images = o.putArray("images");
            for (KustomizeRecords.Image i : spec.images()) {
                ObjectNode n = images.addObject().put("name", i.name());
                put(n, "newName", i.newName());
                put(n, "newTag", i.newTag());
                put(n, "digest", i.digest());
            }
        }
        if (!spec.components().isEmpty()) {
            ArrayNode components = o.putArray("components");
            spec.components().forEach(components::add);
        }
        return o.isEmpty() ? null : o;
    }

    private static void put(ObjectNode n, String field, String value) {
        if (value != null && !value.isEmpty()) {
            n.put(field, value);
        }
    }
}
