package dev.sluice.cluster.apply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.api.GroupKind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The associative and set lists of the Kubernetes built-in types Sluice meets, keyed as the
 * Kubernetes OpenAPI schema keys them ({@code x-kubernetes-list-map-keys}). A stopgap until the shared
 * table in {@code dev.sluice.api.schema} lands: rules match on the trailing field names, so pod
 * templates are recognised wherever they are embedded (Deployment, Job, CronJob, a CRD).
 */
public final class BuiltInMergeKeys implements MergeKeyTable {

    private static final Set<String> CONTAINER_LISTS = Set.of("containers", "initContainers", "ephemeralContainers");
    private static final Map<String, JsonNode> TCP = Map.of("protocol", TextNode.valueOf("TCP"));
    private static final ListType BY_NAME = ListType.Map.by("name");

    private static final BuiltInMergeKeys INSTANCE = new BuiltInMergeKeys();

    private BuiltInMergeKeys() {
    }

    public static BuiltInMergeKeys instance() {
        return INSTANCE;
    }

    @Override
    public ListType listType(GroupKind kind, List<String> names) {
        int n = names.size();
        if (n == 0) {
            return ListType.ATOMIC;
        }
        String last = names.get(n - 1);
        String parent = n >= 2 ? names.get(n - 2) : "";
        if (n == 2 && parent.equals("metadata")) {
            return switch (last) {
                case "finalizers" -> ListType.SET;
                case "ownerReferences" -> ListType.Map.by("uid");
                default -> ListType.ATOMIC;
            };
        }
        if (kind.group().isEmpty() && kind.kind().equals("Service") && n == 2 && names.get(0).equals("spec")
                && last.equals("ports")) {
            return new ListType.Map(List.of("port", "protocol"), TCP);
        }
        if (CONTAINER_LISTS.contains(parent)) {
            return switch (last) {
                case "ports" -> new ListType.Map(List.of("containerPort", "protocol"), TCP);
                case "env" -> BY_NAME;
                case "volumeMounts" -> ListType.Map.by("mountPath");
                case "volumeDevices" -> ListType.Map.by("devicePath");
                case "resizePolicy" -> ListType.Map.by("resourceName");
                default -> ListType.ATOMIC;
            };
        }
        if (names.get(0).equals("status") && last.equals("conditions")) {
            return ListType.Map.by("type");
        }
        return switch (last) {
            case "containers", "initContainers", "ephemeralContainers", "imagePullSecrets", "schedulingGates",
                 "resourceClaims" -> BY_NAME;
            case "volumes" -> parent.equals("spec") ? BY_NAME : ListType.ATOMIC;
            case "hostAliases" -> ListType.Map.by("ip");
            case "topologySpreadConstraints" -> ListType.Map.by("topologyKey", "whenUnsatisfiable");
            default -> ListType.ATOMIC;
        };
    }
}
