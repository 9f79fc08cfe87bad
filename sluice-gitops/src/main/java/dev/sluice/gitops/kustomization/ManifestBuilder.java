package dev.sluice.gitops.kustomization;

import dev.sluice.api.KubeObject;
import dev.sluice.api.kustomize.KustomizationSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds a Kustomization's objects from a source directory: the kustomize build of {@code path}
 * with the Kustomization's own overlay (targetNamespace, namePrefix, nameSuffix, patches, images,
 * components), as Flux's generated kustomization does. Stateless and thread-safe.
 */
public interface ManifestBuilder {

    /** The built objects and the warnings met on the way (e.g. deprecated kustomize fields). */
    record Built(List<KubeObject> objects, List<String> warnings) {
    }

    /**
     * @param root the artifact root: nothing outside it may be read
     * @param dir  the directory to build, inside {@code root}
     * @throws BuildException naming the file, document or entry at fault
     */
    Built build(Path root, Path dir, KustomizationSpec spec) throws BuildException;

    /** A build that cannot be done; the message is shown in the Kustomization's Ready condition. */
    final class BuildException extends Exception {
        public BuildException(String message) {
            super(message);
        }

        public BuildException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
