package dev.sluice.server.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.GroupKind;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;

/**
 * The dashboard's actions, as writes through the {@link Cluster} port:
 * <ul>
 *   <li>reconcile: annotation {@code reconcile.fluxcd.io/requestedAt: <now>}, as {@code flux reconcile};</li>
 *   <li>promote, abort, retry, pause, resume: annotation {@code sluice.dev/requested-action:
 *       <action>@<now>} on the Canary, handled once by the canary controller (docs/canary.md);</li>
 *   <li>approve a gate: the {@link GateApprover}.</li>
 * </ul>
 * Thread-safe. Annotations are written with optimistic locking and retried on conflicts.
 */
final class Actions {

    static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";
    static final Set<String> CANARY_ACTIONS = Set.of("promote", "abort", "retry", "pause", "resume");
    /** The kinds {@code flux reconcile} handles, by the kind name the dashboard uses. */
    static final Map<String, GroupKind> RECONCILABLE = Map.of(
            "GitRepository", GroupKind.of(ResourceTypes.SOURCE, "GitRepository"),
            "OCIRepository", GroupKind.of(ResourceTypes.SOURCE, "OCIRepository"),
            "Bucket", GroupKind.of(ResourceTypes.SOURCE, "Bucket"),
            "HelmRepository", GroupKind.of(ResourceTypes.SOURCE, "HelmRepository"),
            "HelmChart", GroupKind.of(ResourceTypes.SOURCE, "HelmChart"),
            "Kustomization", GroupKind.of(ResourceTypes.KUSTOMIZE, "Kustomization"),
            "HelmRelease", GroupKind.of(ResourceTypes.HELM, "HelmRelease"),
            "Receiver", GroupKind.of(ResourceTypes.NOTIFICATION, "Receiver"));
    private static final GroupKind CANARY = GroupKind.of(ResourceTypes.FLAGGER, "Canary");
    private static final int RETRIES = 5;

    private final Cluster cluster;
    private final Clock clock;
    private final GateApprover gates;

    Actions(Cluster cluster, Clock clock, GateApprover gates) {
        this.cluster = cluster;
        this.clock = clock;
        this.gates = gates;
    }

    /** Writes {@code <action>@<now>}; returns the value written. */
    String canary(String namespace, String name, String action) {
        if (!CANARY_ACTIONS.contains(action)) {
            throw new IllegalArgumentException("canary action '" + action + "': expected one of " + String.join(", ",
                    CANARY_ACTIONS.stream().sorted().toList()));
        }
        String value = action + "@" + clock.instant();
        annotate(new ObjectKey(CANARY, namespace, name), CanaryViews.REQUESTED_ACTION, value);
        return value;
    }

    /** Writes {@code reconcile.fluxcd.io/requestedAt}; returns the value written. */
    String reconcile(String kind, String namespace, String name) {
        GroupKind gk = RECONCILABLE.get(kind);
        if (gk == null) {
            throw new IllegalArgumentException("reconcile of kind '" + kind + "': expected one of "
                    + String.join(", ", RECONCILABLE.keySet().stream().sorted().toList()));
        }
        String value = clock.instant().toString();
        annotate(new ObjectKey(gk, namespace, name), REQUESTED_AT, value);
        return value;
    }

    /** Opens the gate that webhook {@code webhook} of the Canary checks. */
    String openGate(String namespace, String name, String webhook) {
        ObjectKey key = new ObjectKey(CANARY, namespace, name);
        KubeObject canary = cluster.get(key).orElseThrow(() -> ClusterException.notFound(key));
        JsonNode analysis = canary.spec().has("analysis") ? canary.spec().path("analysis") : canary.spec().path("canaryAnalysis");
        for (JsonNode w : analysis.path("webhooks")) {
            if (w.path("name").asText().equals(webhook)) {
                String type = w.path("type").asText("");
                if (!CanaryViews.GATES.contains(type)) {
                    throw new IllegalArgumentException("webhook '" + webhook + "' of Canary " + namespace + "/" + name
                            + " has type '" + type + "', not a gate (confirm-rollout, confirm-traffic-increase, confirm-promotion)");
                }
                return gates.open(key, webhook, w.path("url").asText(""));
            }
        }
        throw new IllegalArgumentException("Canary " + namespace + "/" + name + " has no webhook named '" + webhook + "'");
    }

    private void annotate(ObjectKey key, String annotation, String value) {
        for (int attempt = 0; ; attempt++) {
            KubeObject live = cluster.get(key).orElseThrow(() -> ClusterException.notFound(key));
            KubeObject changed = live.edit(n -> n.withObjectProperty("metadata").withObjectProperty("annotations").put(annotation, value));
            try {
                cluster.update(changed);
                return;
            } catch (ClusterException e) {
                if (!e.is(ClusterException.Reason.CONFLICT) || attempt >= RETRIES) {
                    throw e;
                }
            }
        }
    }
}
