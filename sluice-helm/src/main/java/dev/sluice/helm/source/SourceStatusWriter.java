package dev.sluice.helm.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.gitops.source.Artifact;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The status source-controller writes for Helm sources: {@code Ready}, {@code ArtifactInStorage},
 * {@code FetchFailed} or {@code BuildFailed}, {@code Stalled}, the artifact and its URL. Pure
 * builders plus one write that is skipped when nothing changed (so a repeated failure causes no
 * watch event and no extra reconcile).
 */
final class SourceStatusWriter {

    static final String REQUESTED_AT = "reconcile.fluxcd.io/requestedAt";

    private SourceStatusWriter() {
    }

    static ObjectNode succeeded(KubeObject obj, Artifact artifact, String reason, String message, Instant now) {
        ObjectNode s = base(obj);
        List<Condition> c = Conditions.of(obj.status());
        for (String gone : List.of("Reconciling", "Stalled", "FetchFailed", "BuildFailed", "ArtifactOutdated")) {
            c = Conditions.remove(c, gone);
        }
        c = Conditions.set(c, new Condition("Ready", Condition.TRUE, reason, message, now.toString(), obj.generation()));
        c = Conditions.set(c, new Condition("ArtifactInStorage", Condition.TRUE, "Succeeded", message, now.toString(),
                obj.generation()));
        s.set("conditions", Conditions.toArray(c));
        s.set("artifact", artifact.toNode());
        s.put("url", artifact.url());
        return s;
    }

    /**
     * Ready=False with {@code reason}; {@code failureType} ({@code FetchFailed}, {@code BuildFailed})
     * set True with the same reason; Stalled only when retrying cannot help. The last good
     * artifact, if any, stays.
     */
    static ObjectNode failed(KubeObject obj, String failureType, String reason, String message, boolean stalled, Instant now) {
        ObjectNode s = base(obj);
        List<Condition> c = Conditions.remove(Conditions.of(obj.status()), "Reconciling");
        c = Conditions.set(c, new Condition("Ready", Condition.FALSE, reason, message, now.toString(), obj.generation()));
        if (!failureType.isEmpty()) {
            c = Conditions.set(c, new Condition(failureType, Condition.TRUE, reason, message, now.toString(), obj.generation()));
        }
        c = stalled ? Conditions.set(c, new Condition("Stalled", Condition.TRUE, reason, message, now.toString(), obj.generation()))
                : Conditions.remove(c, "Stalled");
        s.set("conditions", Conditions.toArray(c));
        return s;
    }

    private static ObjectNode base(KubeObject obj) {
        ObjectNode s = obj.status().isObject() ? ((ObjectNode) obj.status()).deepCopy() : Json.object();
        s.put("observedGeneration", obj.generation());
        obj.annotation(REQUESTED_AT).ifPresent(v -> s.put("lastHandledReconcileAt", v));
        return s;
    }

    static Optional<Artifact> artifact(JsonNode status) {
        return Artifact.fromStatus(status);
    }

    /** Writes {@code status} when it differs from the stored one; returns whether it wrote. */
    static boolean write(Cluster cluster, KubeObject obj, ObjectNode status) {
        if (status.equals(obj.status())) {
            return false;
        }
        try {
            cluster.updateStatus(obj.withStatus(status));
            return true;
        } catch (ClusterException e) {
            if (e.is(ClusterException.Reason.CONFLICT) || e.is(ClusterException.Reason.NOT_FOUND)) {
                return false; // changed or deleted meanwhile: the watch brings us back
            }
            throw e;
        }
    }
}
