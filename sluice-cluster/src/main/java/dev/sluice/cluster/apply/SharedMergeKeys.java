package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.schema.KubeSchema;
import dev.sluice.api.schema.ListStrategy;
import java.util.List;
import java.util.Map;

/**
 * The merge keys of the shared schema ({@code dev.sluice.api.schema}, the table strategic merge
 * patch uses too), in server-side apply's terms. Where the API server keys a list by more fields
 * than strategic merge does ({@code x-kubernetes-list-map-keys}), the extra keys are added here:
 * container and Service ports by protocol as well (defaulting to TCP), topology spread constraints
 * by {@code whenUnsatisfiable}. Immutable and thread-safe.
 */
public final class SharedMergeKeys implements MergeKeyTable {

    private static final Map<String, JsonNode> TCP = Map.of("protocol", TextNode.valueOf("TCP"));

    private final KubeSchema schema;

    public SharedMergeKeys(KubeSchema schema) {
        this.schema = schema;
    }

    /** The built-in kinds' table. */
    public static SharedMergeKeys builtin() {
        return new SharedMergeKeys(KubeSchema.builtin());
    }

    @Override
    public ListType listType(GroupKind kind, List<String> fieldNames) {
        ListStrategy strategy = schema.listStrategy(kind.group(), kind.kind(), fieldNames);
        return switch (strategy) {
            case ATOMIC -> ListType.ATOMIC;
            case SET -> ListType.SET;
            case MERGE_BY_KEY -> {
                String key = schema.listKey(kind.group(), kind.kind(), fieldNames).orElseThrow();
                yield switch (key) {
                    case "containerPort", "port" -> new ListType.Map(List.of(key, "protocol"), TCP);
                    case "topologyKey" -> ListType.Map.by("topologyKey", "whenUnsatisfiable");
                    default -> ListType.Map.by(key);
                };
            }
        };
    }
}
