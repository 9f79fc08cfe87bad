package dev.sluice.gitops.notification.receiver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.Condition;
import dev.sluice.api.Conditions;
import dev.sluice.api.GoDuration;
import dev.sluice.api.GroupKind;
import dev.sluice.api.InvalidInputException;
import dev.sluice.api.Json;
import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.ResourceTypes;
import dev.sluice.api.notification.Receiver;
import dev.sluice.api.notification.ReceiverModel;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.ClusterException;
import dev.sluice.cluster.EventRecord;
import dev.sluice.cluster.reconcile.Reconciler;
import dev.sluice.cluster.reconcile.Result;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * notification-controller's Receiver reconciler: reads the token from the Receiver's Secret and
 * publishes the webhook path in {@code status.webhookPath}, with Ready=True "Receiver initialized
 * for path: /hook/...". A missing Secret or token key is Ready=False with reason
 * {@code TokenNotFound} (and no path), retried with backoff; the Secret's watch brings it back as
 * soon as the Secret appears. An invalid spec or a type Sluice does not serve is Stalled. Status is
 * written only when it changes. Safe for concurrent calls on different keys.
 */
public final class ReceiverReconciler implements Reconciler {

    public static final GroupKind KIND = GroupKind.of(ResourceTypes.NOTIFICATION, "Receiver");
    public static final String CONTROLLER = "notification-controller";

    private final Cluster cluster;
    private final Clock clock;
    private final ReceiverModel model = new ReceiverModel();

    /** The Secret could not be read; the scheduler retries with backoff. */
    static final class TokenNotFound extends Exception {
        TokenNotFound(String message) {
            super(message);
        }
    }

    public ReceiverReconciler(Cluster cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    @Override
    public GroupKind kind() {
        return KIND;
    }

    @Override
    public Result reconcile(ObjectKey key) throws Exception {
        Optional<KubeObject> found = cluster.get(key);
        if (found.isEmpty() || found.get().isDeleting()) {
            return Result.done();
        }
        KubeObject obj = found.get();
        Receiver receiver;
        try {
            receiver = model.parse(model.toLatest(obj)).value();
        } catch (InvalidInputException e) {
            stalled(obj, e.getMessage());
            return Result.done(); // a spec change brings it back
        }
        if (receiver.spec().suspend()) {
            return Result.done();
        }
        if (!WebhookCheck.SUPPORTED.contains(receiver.spec().type())) {
            stalled(obj, "receiver type '" + receiver.spec().type() + "' is not supported by Sluice yet; supported: "
                    + String.join(", ", WebhookCheck.SUPPORTED.stream().sorted().toList()));
            return Result.done();
        }
        String token;
        try {
            token = ReceiverTokens.token(cluster, receiver);
        } catch (ReceiverTokens.TokenException e) {
            ObjectNode status = next(obj, Condition.FALSE, "TokenNotFound", e.getMessage(), List.of());
            status.remove("webhookPath");
            write(obj, status);
            event(obj, EventRecord.WARNING, "Failed", e.getMessage());
            throw new TokenNotFound(e.getMessage());
        }
        String path = receiver.webhookPath(token);
        ObjectNode status = next(obj, Condition.TRUE, "Succeeded", "Receiver initialized for path: " + path,
                List.of("Reconciling", "Stalled"));
        status.put("webhookPath", path);
        if (write(obj, status)) {
            event(obj, EventRecord.NORMAL, "Succeeded", "Reconciliation finished, next run in "
                    + GoDuration.format(receiver.spec().effectiveInterval()));
        }
        return Result.after(receiver.spec().effectiveInterval());
    }

    private void stalled(KubeObject obj, String message) {
        ObjectNode status = next(obj, Condition.FALSE, "ValidationFailed", message, List.of("Reconciling"));
        status.set("conditions", Conditions.toArray(Conditions.set(Conditions.of(status),
                new Condition("Stalled", Condition.TRUE, "ValidationFailed", message, now(), obj.generation()))));
        if (write(obj, status)) {
            event(obj, EventRecord.WARNING, "ValidationFailed", message);
        }
    }

    /** The stored status with Ready set, {@code drop} conditions removed, generation and request observed. */
    private ObjectNode next(KubeObject obj, String ready, String reason, String message, List<String> drop) {
        ObjectNode status = obj.status().isObject() ? (ObjectNode) obj.status().deepCopy() : Json.object();
        List<Condition> conditions = Conditions.set(Conditions.of(obj.status()),
                new Condition("Ready", ready, reason, message, now(), obj.generation()));
        for (String type : drop) {
            conditions = Conditions.remove(conditions, type);
        }
        status.set("conditions", Conditions.toArray(conditions));
        status.put("observedGeneration", obj.generation());
        obj.annotation(ReconcileRequests.REQUESTED_AT).ifPresent(v -> status.put("lastHandledReconcileAt", v));
        return status;
    }

    /** Writes status when it changed; returns whether it did. */
    private boolean write(KubeObject obj, ObjectNode status) {
        if (status.equals(obj.status())) {
            return false;
        }
        try {
            cluster.updateStatus(obj.withStatus(status), CONTROLLER);
            return true;
        } catch (ClusterException e) {
            if (e.is(ClusterException.Reason.CONFLICT) || e.is(ClusterException.Reason.NOT_FOUND)) {
                return false; // changed or gone meanwhile: the watch brings the new version
            }
            throw e;
        }
    }

    private void event(KubeObject obj, String type, String reason, String message) {
        Instant now = clock.instant();
        cluster.recordEvent(new EventRecord(obj.key(), type, reason, message, CONTROLLER, java.util.Map.of(), 1, now, now));
    }

    private String now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }
}
