package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/**
 * How to build.
 *
 * @param loadRoot no file outside this directory may be read, not even through a symlink; null
 *     means the build directory itself (kustomize's default restriction). Flux mode uses the
 *     artifact root.
 * @param allowRemoteBases whether remote resources (URLs, git refs) are allowed; they are never
 *     fetched for now, but the error says which rule refused them
 * @param overlay extra kustomization fields laid over the directory's kustomization without
 *     writing files (lists appended, maps merged, scalars replaced), as Flux's generated
 *     kustomization does with targetNamespace, namePrefix, patches, images, components; may be null
 * @param generateIfMissing when the directory has no kustomization file, generate one listing
 *     every Kubernetes YAML file below it (a subdirectory with its own kustomization becomes one
 *     resource), as Flux does
 * @param rootOnly files (not bases) must lie in or below the directory of the kustomization that
 *     names them, as kustomize requires by default
 */
public record KustomizeOptions(
        Path loadRoot, boolean allowRemoteBases, ObjectNode overlay, boolean generateIfMissing, boolean rootOnly) {

    /**
     * Plain {@code kustomize build DIR}: nothing outside DIR is read, files must lie below the
     * kustomization naming them (kustomize's LoadRestrictionsRootOnly), no remote bases, no overlay.
     */
    public static KustomizeOptions defaults() {
        return new KustomizeOptions(null, false, null, false, true);
    }

    /**
     * Flux's Kustomization reconciler: anything inside the artifact may be read (LoadRestrictionsNone
     * within the artifact), a kustomization is generated when absent.
     */
    public static KustomizeOptions flux(Path artifactRoot) {
        return new KustomizeOptions(artifactRoot, false, null, true, false);
    }

    /** The same options with another load root (an ancestor of the build directory). */
    public KustomizeOptions withLoadRoot(Path root) {
        return new KustomizeOptions(root, allowRemoteBases, overlay, generateIfMissing, rootOnly);
    }

    public KustomizeOptions withOverlay(ObjectNode extra) {
        return new KustomizeOptions(loadRoot, allowRemoteBases, extra, generateIfMissing, rootOnly);
    }

    public KustomizeOptions withRemoteBases(boolean allowed) {
        return new KustomizeOptions(loadRoot, allowed, overlay, generateIfMissing, rootOnly);
    }
}
