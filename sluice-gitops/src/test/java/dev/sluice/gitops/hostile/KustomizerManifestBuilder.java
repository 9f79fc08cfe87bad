package dev.sluice.gitops.hostile;

import dev.sluice.api.KubeObject;
import dev.sluice.api.kustomize.KustomizationSpec;
import dev.sluice.gitops.kustomization.ManifestBuilder;
import dev.sluice.gitops.kustomize.BuildResult;
import dev.sluice.gitops.kustomize.KustomizeException;
import dev.sluice.gitops.kustomize.KustomizeOptions;
import dev.sluice.gitops.kustomize.Kustomizer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test-local {@link ManifestBuilder} over the kustomize engine in Flux mode (the artifact is the
 * load root); the Kustomization's own overlay fields are not needed by these tests.
 */
final class KustomizerManifestBuilder implements ManifestBuilder {

    private final Kustomizer kustomizer = new Kustomizer();

    @Override
    public Built build(Path root, Path dir, KustomizationSpec spec) throws BuildException {
        if (dir.normalize().startsWith(root) && !Files.isDirectory(dir)) {
            throw new BuildException("kustomization path not found: stat " + dir + ": no such file or directory");
        }
        try {
            BuildResult r = kustomizer.build(dir, KustomizeOptions.flux(root));
            return new Built(r.objects().stream().map(KubeObject::of).toList(), r.warnings());
        } catch (KustomizeException e) {
            throw new BuildException(e.getMessage(), e);
        }
    }
}
