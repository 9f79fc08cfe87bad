package dev.sluice.gitops.kustomization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.yaml.YamlWriter;
import dev.sluice.cluster.ApplyOptions;
import dev.sluice.cluster.ApplyResult;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What applying a Kustomization's objects would change, as {@code flux diff ks} reports it: each
 * object is applied in server-side dry-run as the Kustomization's field manager and compared with
 * the live one (labels, annotations, and everything outside metadata and status); drifted objects
 * get a unified diff of the live and the merged YAML (without managedFields and generation); objects of the last inventory that the build
 * no longer has are reported deleted when the Kustomization prunes. Objects marked
 * {@code kustomize.toolkit.fluxcd.io/reconcile: disabled} or {@code kustomize.toolkit.fluxcd.io/ssa:
 * ignore} (or {@code ifnotpresent} when they exist) are skipped. Nothing is changed in the cluster.
 */
public final class KustomizationDiff {

    static final String RECONCILE = "kustomize.toolkit.fluxcd.io/reconcile";
    static final String SSA = "kustomize.toolkit.fluxcd.io/ssa";

    /** What would happen to one object. */
    public enum Action { CREATED, DRIFTED, SKIPPED, DELETED }

    /** One object that would change (or is skipped); {@code diff} is the unified diff of a drifted one. */
    public record Entry(ObjectKey key, Action action, String diff) {
    }

    /** The entries in the build's order (deletions last) and the objects whose dry run failed. */
    public record Report(List<Entry> entries, List<String> errors) {

        /** True when something would be created, changed or deleted. */
        public boolean changed() {
            return entries.stream().anyMatch(e -> e.action() != Action.SKIPPED);
        }
    }

    private KustomizationDiff() {
    }

    /**
     * @param objects      what would be applied ({@link LocalBuild#forApply})
     * @param liveStatus   the Kustomization's stored status (its inventory), or a missing node
     * @param prune        the Kustomization's {@code spec.prune}
     * @param fieldManager the reconciler's field manager ({@code kustomize-controller})
     */
    public static Report diff(Cluster cluster, List<KubeObject> objects, JsonNode liveStatus,
                              boolean prune, String fieldManager) {
        List<Entry> entries = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (KubeObject desired : objects) {
            Optional<KubeObject> live = cluster.get(desired.key());
            if (skipped(desired, live)) {
                entries.add(new Entry(desired.key(), Action.SKIPPED, ""));
                continue;
            }
            ApplyResult r;
            try {
                r = cluster.apply(desired, new ApplyOptions(fieldManager, true, true));
            } catch (ClusterException e) {
                errors.add(desired.key() + " dry-run failed: " + e.getMessage());
                continue;
            }
            if (live.isEmpty() || r.action() == ApplyResult.Action.CREATED) {
                entries.add(new Entry(desired.key(), Action.CREATED, ""));
            } else if (r.action() == ApplyResult.Action.CONFIGURED && drifted(live.get(), r.object())) {
                String subject = desired.key().toString();
                entries.add(new Entry(desired.key(), Action.DRIFTED, UnifiedDiff.of(subject + " (live)", yaml(live.get()),
                        subject + " (merged)", yaml(r.object()))));
            }
        }
        if (prune && errors.isEmpty()) {
            Inventory.fromStatus(liveStatus).staleComparedTo(Inventory.of(objects)).stream()
                    .sorted(Comparator.naturalOrder())
                    .forEach(k -> entries.add(new Entry(k, Action.DELETED, "")));
        }
        return new Report(entries, errors);
    }

    private static boolean skipped(KubeObject desired, Optional<KubeObject> live) {
        if (marked(desired, RECONCILE, "disabled") || marked(desired, SSA, "ignore")) {
            return true;
        }
        if (live.isPresent() && (marked(live.get(), RECONCILE, "disabled") || marked(live.get(), SSA, "ignore"))) {
            return true;
        }
        return live.isPresent() && marked(desired, SSA, "ifnotpresent");
    }

    private static boolean marked(KubeObject o, String key, String value) {
        return value.equalsIgnoreCase(o.labels().getOrDefault(key, "")) || value.equalsIgnoreCase(o.annotations().getOrDefault(key, ""));
    }

    /** Flux's drift rule: labels, annotations, or anything outside metadata and status differ. */
    static boolean drifted(KubeObject live, KubeObject merged) {
        if (!live.labels().equals(merged.labels()) || !live.annotations().equals(merged.annotations())) {
            return true;
        }
        return !withoutMetadataAndStatus(live).equals(withoutMetadataAndStatus(merged));
    }

    private static ObjectNode withoutMetadataAndStatus(KubeObject o) {
        ObjectNode n = o.toNode();
        n.remove(List.of("metadata", "status"));
        return n;
    }

    private static String yaml(KubeObject o) {
        ObjectNode n = o.toNode();
        if (n.path("metadata") instanceof ObjectNode m) {
            // Server bookkeeping, not configuration: a dry run bumps the generation of every change.
            m.remove(List.of("managedFields", "generation"));
        }
        return YamlWriter.write(n);
    }
}
