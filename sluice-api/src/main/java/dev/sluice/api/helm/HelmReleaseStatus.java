package dev.sluice.api.helm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.meta.KustomizeRecords.InventoryEntry;
import dev.sluice.api.meta.Nodes;
import java.util.List;

/** The observed state of a HelmRelease, as helm-controller writes it. */
public record HelmReleaseStatus(
        long observedGeneration,
        List<Condition> conditions,
        long lastAttemptedGeneration,
        String helmChart,
        String storageNamespace,
        List<Snapshot> history,
        String lastAttemptedReleaseAction,
        long failures,
        long installFailures,
        long upgradeFailures,
        String lastAttemptedRevision,
        String lastAttemptedRevisionDigest,
        String lastAttemptedValuesChecksum,
        String lastAttemptedConfigDigest,
        String lastHandledReconcileAt,
        String lastHandledForceAt,
        String lastHandledResetAt,
        List<InventoryEntry> inventory) {

    public HelmReleaseStatus {
        conditions = List.copyOf(conditions);
        history = List.copyOf(history);
        inventory = List.copyOf(inventory);
    }

    /** One Helm release revision in {@code status.history}, newest first. */
    public record Snapshot(String name, String namespace, long version, String status, String chartName,
                           String chartVersion, String appVersion, String configDigest, String firstDeployed,
                           String lastDeployed, String deleted, String digest, String ociDigest, String action) {

        static Snapshot from(JsonNode n) {
            return new Snapshot(Nodes.text(n, "name"), Nodes.text(n, "namespace"), Nodes.longValue(n, "version"),
                    Nodes.text(n, "status"), Nodes.text(n, "chartName"), Nodes.text(n, "chartVersion"),
                    Nodes.text(n, "appVersion"), Nodes.text(n, "configDigest"), Nodes.text(n, "firstDeployed"),
                    Nodes.text(n, "lastDeployed"), Nodes.text(n, "deleted"), Nodes.text(n, "digest"),
                    Nodes.text(n, "ociDigest"), Nodes.text(n, "action"));
        }
    }

    public static HelmReleaseStatus from(JsonNode s) {
        return new HelmReleaseStatus(
                Nodes.longValue(s, "observedGeneration"),
                Conditions.of(s),
                Nodes.longValue(s, "lastAttemptedGeneration"),
                Nodes.text(s, "helmChart"),
                Nodes.text(s, "storageNamespace"),
                Nodes.list(s, "history", Snapshot::from),
                Nodes.text(s, "lastAttemptedReleaseAction"),
                Nodes.longValue(s, "failures"),
                Nodes.longValue(s, "installFailures"),
                Nodes.longValue(s, "upgradeFailures"),
                Nodes.text(s, "lastAttemptedRevision"),
                Nodes.text(s, "lastAttemptedRevisionDigest"),
                Nodes.text(s, "lastAttemptedValuesChecksum"),
                Nodes.text(s, "lastAttemptedConfigDigest"),
                Nodes.text(s, "lastHandledReconcileAt"),
                Nodes.text(s, "lastHandledForceAt"),
                Nodes.text(s, "lastHandledResetAt"),
                Nodes.list(s.path("inventory"), "entries", InventoryEntry::from));
    }
}
