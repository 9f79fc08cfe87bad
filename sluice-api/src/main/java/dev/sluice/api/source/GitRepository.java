package dev.sluice.api.source;

import dev.sluice.api.GroupKind;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import java.util.Map;

/**
 * A Flux GitRepository ({@code source.toolkit.fluxcd.io/v1}): where to fetch manifests from. The
 * read-only typed view of the stored object; its status is written by the source reconciler.
 */
public record GitRepository(String namespace, String name, long generation, Map<String, String> annotations,
                            GitRepositorySpec spec) {

    public static final GroupKind KIND = GroupKind.of(ResourceTypes.SOURCE, "GitRepository");
    public static final String API_VERSION = ResourceTypes.SOURCE + "/v1";

    public GitRepository {
        annotations = Map.copyOf(annotations);
    }

    public ObjectKey key() {
        return new ObjectKey(KIND, namespace, name);
    }
}
