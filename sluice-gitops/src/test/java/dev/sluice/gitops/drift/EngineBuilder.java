package dev.sluice.gitops.drift;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.kustomize.KustomizationSpec;
import dev.sluice.gitops.kustomization.ManifestBuilder;
import dev.sluice.gitops.kustomize.KustomizeException;
import dev.sluice.gitops.kustomize.KustomizeOptions;
import dev.sluice.gitops.kustomize.Kustomizer;
import java.nio.file.Path;

/**
 * A {@link ManifestBuilder} on the kustomize engine for these tests: Flux mode (a kustomization is
 * generated when missing, anything in the artifact may be read) with the Kustomization's
 * targetNamespace, namePrefix/nameSuffix, images and patches laid over, as Flux does.
 */
final class EngineBuilder implements ManifestBuilder {

    private final Kustomizer engine = new Kustomizer();

    @Override
    public Built build(Path root, Path dir, KustomizationSpec spec) throws BuildException {
        ObjectNode overlay = Json.object();
        if (!spec.targetNamespace().isEmpty()) {
            overlay.put("namespace", spec.targetNamespace());
        }
        if (!spec.namePrefix().isEmpty()) {
            overlay.put("namePrefix", spec.namePrefix());
        }
        if (!spec.nameSuffix().isEmpty()) {
            overlay.put("nameSuffix", spec.nameSuffix());
        }
        if (!spec.images().isEmpty()) {
            ArrayNode images = overlay.putArray("images");
            spec.images().forEach(i -> {
                ObjectNode n = images.addObject().put("name", i.name());
                if (!i.newName().isEmpty()) {
                    n.put("newName", i.newName());
                }
                if (!i.newTag().isEmpty()) {
                    n.put("newTag", i.newTag());
                }
                if (!i.digest().isEmpty()) {
                    n.put("digest", i.digest());
                }
            });
        }
        if (!spec.patches().isEmpty()) {
            ArrayNode patches = overlay.putArray("patches");
            spec.patches().forEach(p -> patches.addObject().put("patch", p.patch()));
        }
        try {
            KustomizeOptions options = KustomizeOptions.flux(root);
            var result = engine.build(dir, overlay.isEmpty() ? options : options.withOverlay(overlay));
            return new Built(result.objects().stream().map(KubeObject::of).toList(), result.warnings());
        } catch (KustomizeException e) {
            throw new BuildException(e.getMessage(), e);
        }
    }
}
