package dev.sluice.gitops.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * kustomize's legacy output order: Namespaces, quotas, storage classes, CRDs, RBAC, ConfigMaps,
 * Secrets, Services... first, admission webhooks last, others by group/version/kind in between;
 * ties by namespace and name.
 */
final class LegacyOrder {

    static final List<String> FIRST = List.of(
            "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount",
            "PodSecurityPolicy", "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret",
            "Endpoints", "Service", "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim",
            "Deployment", "StatefulSet", "CronJob", "PodDisruptionBudget");
    static final List<String> LAST = List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    private LegacyOrder() {}

    static void sort(List<Resource> list, JsonNode sortOptions) {
        List<String> first = FIRST;
        List<String> last = LAST;
        JsonNode legacy = sortOptions.path("legacySortOptions");
        if (legacy.isObject()) {
            first = strings(legacy.path("orderFirst"));
            last = strings(legacy.path("orderLast"));
        }
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < first.size(); i++) {
            rank.put(first.get(i), -first.size() + i);
        }
        for (int i = 0; i < last.size(); i++) {
            rank.put(last.get(i), 1 + i);
        }
        record Key(int rank, String gvk, String kind, String group, String idString, Resource r) {}
        List<Key> keys = new ArrayList<>(list.size());
        for (Resource r : list) {
            ResId id = r.id();
            String g = id.group().isEmpty() ? "~G" : id.group();
            String v = id.version().isEmpty() ? "~V" : id.version();
            String k = id.kind().isEmpty() ? "~K" : id.kind();
            String ns = id.namespace().isEmpty() ? "~X" : id.namespace();
            String nm = id.name().isEmpty() ? "~N" : id.name();
            keys.add(new Key(rank.getOrDefault(id.kind(), 0), g + "_" + v + "_" + k, id.kind(), id.group(),
                    ns + "|" + nm, r));
        }
        Comparator<Key> byGvk = (a, b) -> {
            if (a.rank != b.rank) {
                return Integer.compare(a.rank, b.rank);
            }
            if (a.gvk.equals(b.gvk)) {
                return 0;
            }
            boolean bothNamespaces = a.kind.equals("Namespace") && b.kind.equals("Namespace");
            if (bothNamespaces && (a.group.isEmpty() || b.group.isEmpty())) {
                return b.gvk.compareTo(a.gvk);
            }
            return a.gvk.compareTo(b.gvk);
        };
        keys.sort(byGvk.thenComparing(Key::idString));
        list.clear();
        keys.forEach(key -> list.add(key.r));
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.asText()));
        return out;
    }
}
