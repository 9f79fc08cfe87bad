package dev.sluice.api.schema;

import java.util.List;
import java.util.Optional;

/**
 * Short entry point to the list merge keys of the built-in kinds, shared by strategic merge patch
 * and server-side apply. Thread-safe.
 */
public final class MergeKeys {

    private MergeKeys() {}

    /**
     * The merge key of a list field, e.g. {@code listKey("apps/v1", "Deployment",
     * List.of("spec","template","spec","containers"))} gives {@code "name"}.
     *
     * @param apiVersion the object's apiVersion ("apps/v1", "v1")
     * @param kind the object's kind
     * @param path field names from the object root to the list, without indices
     */
    public static Optional<String> listKey(String apiVersion, String kind, List<String> path) {
        return KubeSchema.builtin().listKey(KindPattern.groupOf(apiVersion), kind, path);
    }

    /** How the list at {@code path} combines under a patch; see {@link ListStrategy}. */
    public static ListStrategy strategy(String apiVersion, String kind, List<String> path) {
        return KubeSchema.builtin().listStrategy(KindPattern.groupOf(apiVersion), kind, path);
    }
}
