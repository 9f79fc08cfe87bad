package dev.sluice.delivery.reconcile;

import dev.sluice.api.KubeObject;
import dev.sluice.api.ObjectKey;
import dev.sluice.api.flagger.Canary;
import dev.sluice.api.flagger.CanaryPhase;
import dev.sluice.cluster.Cluster;
import dev.sluice.cluster.reconcile.Result;
import dev.sluice.delivery.canary.AnalysisPlan;
import dev.sluice.delivery.canary.CanaryState;
import dev.sluice.delivery.canary.CanaryStateMachine;
import dev.sluice.delivery.canary.EventType;
import dev.sluice.delivery.canary.Readiness;
import dev.sluice.delivery.canary.WorkloadReadiness;
import dev.sluice.delivery.routing.RoutingException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Deletion (reference/flagger.md §3). With {@code revertOnDeletion} the Canary carries
 * {@value Canary#FINALIZER}; when it is deleted: "Terminating canary n.ns" (status Terminating), the
 * target scaler resumed, the target scaled back to the primary's replicas and waited for (a not yet
 * ready target fails the reconcile, so the scheduler retries with backoff), the apex Service pointed
 * back at the target, the routes reverted, the finalizer removed, "Terminated canary n.ns". Without
 * it, owned objects go by garbage collection and the target stays at zero. Every step is idempotent
 * and reads the world again, so a controller restart in the middle resumes.
 */
final class Finalizer {

    private final Cluster cluster;
    private final CanaryParts parts;
    private final Observer observer;
    private final Clock clock;

    Finalizer(Cluster cluster, CanaryParts parts, Observer observer, Clock clock) {
        this.cluster = cluster;
        this.parts = parts;
        this.observer = observer;
        this.clock = clock;
    }

    /** Adds or removes the finalizer to match {@code spec.revertOnDeletion} (Flagger's opt in and out). */
    void sync(KubeObject object, Canary canary) {
        boolean has = object.finalizers().contains(Canary.FINALIZER);
        if (has != canary.spec().revertOnDeletion()) {
            setFinalizer(object.key(), canary.spec().revertOnDeletion());
        }
    }

    /** Finalizes a Canary being deleted; a not yet ready target throws, for a retry with backoff. */
    Result finalize(KubeObject object, Canary canary, AnalysisPlan plan) throws Exception {
        ObjectKey key = object.key();
        if (!object.finalizers().contains(Canary.FINALIZER)) {
            return Result.done();
        }
        if (!canary.spec().revertOnDeletion()) {
            setFinalizer(key, false);
            return Result.done();
        }
        Instant now = clock.instant();
        CanaryState state = CanaryState.fromStatus(canary.status());
        if (state.phase() != CanaryPhase.TERMINATING && state.phase() != CanaryPhase.TERMINATED) {
            state = CanaryStateMachine.terminating(state, plan, now);
            parts.status().save(key, state);
            event(canary, state, EventType.NORMAL, "Terminating canary " + canary.displayName());
        }
        if (state.phase() != CanaryPhase.TERMINATED) {
            revert(canary, plan, now);
        }
        setFinalizer(key, false);
        event(canary, state, EventType.NORMAL, "Terminated canary " + canary.displayName());
        parts.metrics().removed(key);
        return Result.done();
    }

    private void revert(Canary canary, AnalysisPlan plan, Instant now) throws RoutingException {
        canary.spec().autoscalerRef().ifPresent(ref -> parts.scalers().pauseTarget(canary, ref, false));
        Optional<Observed> world = observer.observe(canary, plan, parts.adapters().routers().trafficRouter(canary),
                now, dev.sluice.delivery.canary.CookieSeeds.FIXED).world();
        if (world.isPresent()) {
            Observed w = world.get();
            // Flagger's Finalize: the primary's replicas (a missing primary: scale from zero).
            int replicas = w.daemonSet() ? 1 : w.primary().map(p -> p.spec().path("replicas").asInt(1))
                    .orElse(Math.max(1, w.target().spec().path("replicas").asInt(0)));
            parts.workloads().scale(canary, w, replicas);
            KubeObject target = cluster.get(w.target().key()).orElse(w.target());
            Readiness ready = w.daemonSet()
                    ? WorkloadReadiness.daemonSet(target, WorkloadReadiness.Role.CANARY,
                    canary.spec().progressDeadlineSeconds(), 100, null, now)
                    : WorkloadReadiness.deployment(target, WorkloadReadiness.Role.CANARY,
                    canary.spec().progressDeadlineSeconds(), plan.analysis().canaryReadyThreshold(), now);
            if (!ready.isReady()) {
                throw new IllegalStateException("canary not ready during finalizing: " + ready.message());
            }
            parts.adapters().routers().serviceRouter(canary).revertApex(canary, w.workloadSelector());
        }
        parts.adapters().routers().trafficRouter(canary).revert(canary);
    }

    private void setFinalizer(ObjectKey key, boolean present) {
        Updates.update(cluster, key, c -> c.edit(n -> {
            var meta = n.withObjectProperty("metadata");
            List<String> finalizers = new java.util.ArrayList<>(c.finalizers());
            finalizers.remove(Canary.FINALIZER);
            if (present) {
                finalizers.add(Canary.FINALIZER);
            }
            if (finalizers.isEmpty()) {
                meta.remove("finalizers");
            } else {
                var a = meta.putArray("finalizers");
                finalizers.forEach(a::add);
            }
        }));
    }

    private void event(Canary canary, CanaryState state, EventType type, String message) {
        parts.events().emit(Events.key(canary), type, message, state.phase(),
                dev.sluice.delivery.webhook.WebhookPayload.checksum(state.trackedConfigs(), state.lastAppliedSpec()),
                plan(canary));
    }

    private static List<dev.sluice.api.flagger.WebhookSpec> plan(Canary canary) {
        return canary.spec().analysis().map(a -> a.webhooks()).orElse(List.of());
    }
}
