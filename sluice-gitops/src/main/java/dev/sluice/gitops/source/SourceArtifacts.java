package dev.sluice.gitops.source;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.cluster.Cluster;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a consumer (the Kustomization reconciler) calls to get the files of a source: reads the
 * source's {@code status.artifact} from the cluster and opens its read-only directory in the
 * artifact store. The outcomes are the cases Flux's kustomize-controller tells apart before it
 * builds. Thread-safe; reads only.
 */
public final class SourceArtifacts {

    private final Cluster cluster;
    private final ArtifactStore store;

    public SourceArtifacts(Cluster cluster, ArtifactStore store) {
        this.cluster = cluster;
        this.store = store;
    }

    /** The result of a lookup. */
    public sealed interface Lookup {
    }

    /**
     * The source is ready: {@code dir} holds exactly the files of {@code artifact} (read-only, never
     * changes; it may be garbage-collected two revisions later, so build from it promptly).
     */
    public record Found(KubeObject source, Artifact artifact, Path dir) implements Lookup {
    }

    /** No such source object. */
    public record SourceNotFound(ObjectKey source) implements Lookup {
        public String message() {
            return "Source '" + source + "' not found";
        }
    }

    /** The source exists but has no artifact yet (first fetch pending or failing). */
    public record NoArtifact(ObjectKey source) implements Lookup {
        public String message() {
            return "Source artifact not found for '" + source + "'";
        }
    }

    /** The status names an artifact the store no longer (or not yet) holds, e.g. after a state wipe. */
    public record NotInStorage(ObjectKey source, Artifact artifact, String reason) implements Lookup {
    }

    public Lookup lookup(ObjectKey source) {
        Optional<KubeObject> obj = cluster.get(source);
        if (obj.isEmpty()) {
            return new SourceNotFound(source);
        }
        Optional<Artifact> artifact = Artifact.fromStatus(obj.get().status());
        if (artifact.isEmpty()) {
            return new NoArtifact(source);
        }
        try {
            return new Found(obj.get(), artifact.get(), store.open(artifact.get()));
        } catch (NoSuchFileException e) {
            return new NotInStorage(source, artifact.get(), e.getReason() == null ? e.getMessage() : e.getReason());
        } catch (IOException e) {
            return new NotInStorage(source, artifact.get(), e.getMessage());
        }
    }
}
