package dev.sluice.gitops.source;

import dev.sluice.api.KubeObject;
import dev.sluice.gitops.kustomization.SourceArtifacts;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The Kustomization reconciler's {@link SourceArtifacts} port on the local {@link ArtifactStore}:
 * the advertised artifact's read-only directory, verified against its digest when it has to be
 * unpacked again. Thread-safe.
 */
public final class StoredSourceArtifacts implements SourceArtifacts {

    private final ArtifactStore store;

    public StoredSourceArtifacts(ArtifactStore store) {
        this.store = store;
    }

    @Override
    public Path open(KubeObject source, SourceArtifacts.Artifact artifact) throws IOException {
        return store.open(source.key(), artifact.revision(), artifact.digest());
    }
}
