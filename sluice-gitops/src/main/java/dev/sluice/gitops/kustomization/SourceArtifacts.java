package dev.sluice.gitops.kustomization;

import dev.sluice.api.KubeObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a Kustomization finds its source's files: the artifact a GitRepository (or another source)
 * published in its status, unpacked as a read-only directory. Thread-safe.
 */
public interface SourceArtifacts {

    /** A published artifact: its revision (e.g. {@code main@sha1:...}) and digest. */
    record Artifact(String revision, String digest) {
    }

    /** The artifact the source object advertises in {@code status.artifact}, if any. */
    default Optional<Artifact> advertised(KubeObject source) {
        var a = source.status().path("artifact");
        if (!a.isObject() || a.path("revision").asText().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Artifact(a.path("revision").asText(), a.path("digest").asText("")));
    }

    /**
     * The directory holding the artifact's files.
     *
     * @throws IOException when it is not in storage (e.g. garbage-collected) or is damaged
     */
    Path open(KubeObject source, Artifact artifact) throws IOException;
}
