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
 */
public record KustomizeOptions(Path loadRoot, boolean allowRemoteBases, ObjectNode overlay, boolean generateIfMissing) {

  /** Plain {@code kustomize build DIR}: restricted to DIR, no remote bases, no overlay. */
  public static KustomizeOptions defaults() {
    return new KustomizeOptions(null, false, null, false);
  }

  /** Flux's Kustomization reconciler: rooted at the artifact, generated kustomization when absent. */
  public static KustomizeOptions flux(Path artifactRoot) {
    return new KustomizeOptions(artifactRoot, false, null, true);
  }

  public KustomizeOptions withOverlay(ObjectNode extra) {
    return new KustomizeOptions(loadRoot, allowRemoteBases, extra, generateIfMissing);
  }

  public KustomizeOptions withRemoteBases(boolean allowed) {
    return new KustomizeOptions(loadRoot, allowed, overlay, generateIfMissing);
  }
}
